package dev.ocxlpmem.namespaces.internal;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * An enabled region as the provisioning rules need it: its facts, whether it has labels, its DPA
 * allocations and its namespaces.
 *
 * @param region the region's facts
 * @param version the label version, {@code null} for a label-less region
 * @param dpa the DIMM's DPA allocations, {@code null} for a label-less region
 * @param namespaces its namespaces (the seed included)
 */
record RegionView(RegionScan.Region region, LabelVersion version, DpaResources dpa, List<NamespaceState> namespaces,
        PfnPlatform platform) {

    RegionView {
        namespaces = List.copyOf(namespaces);
        if ((version == null) != (dpa == null)) {
            throw new IllegalArgumentException("a labeled region has DPA allocations, a label-less one none");
        }
    }

    boolean labelLess() {
        return version == null;
    }

    String dev() {
        return NamespaceNames.region(region.regionId());
    }

    /** {@code available_size} as ndctl lists it: 0 for a label-less region. */
    long availableSize() {
        return dpa == null ? 0 : dpa.availableSize();
    }

    /** {@code max_available_extent} as ndctl lists it: 0 for a label-less region. */
    long maxAvailableExtent() {
        return dpa == null ? 0 : dpa.maxAvailableExtent();
    }

    /**
     * Who holds {@code uuid} in Linux's eyes ({@code nd_is_uuid_unique}): a namespace label, or the
     * enabled PFN or BTT instance of a namespace. A devdax namespace's info-block uuid is not
     * looked at: Linux lets a label take it.
     *
     * @param except a namespace whose claims do not count (being reconfigured, it has lost them)
     */
    Optional<String> uuidHolder(UUID uuid, LabelNamespace except) {
        for (NamespaceState s : namespaces) {
            String what = null;
            if (uuid.equals(s.ns().labelUuid())) {
                what = "its label";
            } else if (s.ns() != except && s.enabled() && s.claim().mode() == NamespaceMode.FSDAX
                    && uuid.equals(s.claim().pfn().uuid())) {
                what = "its fsdax info block";
            } else if (s.ns() != except && s.enabled() && s.claim().mode() == NamespaceMode.SECTOR
                    && uuid.equals(s.claim().sector().uuid())) {
                what = "its BTT";
            }
            if (what != null) {
                return Optional.of(NamespaceNames.namespace(region.regionId(), s.ns().id()) + " (" + what + ")");
            }
        }
        return Optional.empty();
    }
}
