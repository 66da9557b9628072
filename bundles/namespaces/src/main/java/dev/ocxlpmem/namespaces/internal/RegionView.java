package dev.ocxlpmem.namespaces.internal;

import java.util.Map;
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
 * @param namespaces its namespaces by number (the seed included), a read-only view of the region's
 * @param labelHolders the namespaces by their label's uuid
 * @param claimHolders the enabled fsdax and sector namespaces by their info block's or BTT's uuid
 */
record RegionView(RegionScan.Region region, LabelVersion version, DpaResources dpa,
        Map<Integer, NamespaceState> namespaces, Map<UUID, NamespaceState> labelHolders,
        Map<UUID, NamespaceState> claimHolders, PfnPlatform platform) {

    RegionView {
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
        NamespaceState s = labelHolders.get(uuid);
        String what = "its label";
        if (s == null) {
            s = claimHolders.get(uuid);
            if (s == null || s.ns() == except) {
                return Optional.empty();
            }
            what = s.claim().mode() == NamespaceMode.SECTOR ? "its BTT" : "its fsdax info block";
        }
        return Optional.of(NamespaceNames.namespace(region.regionId(), s.ns().id()) + " (" + what + ")");
    }

    /** The uuid Linux counts as taken by {@code s}'s claim ({@code nd_is_uuid_unique}), or null. */
    static UUID claimUuid(NamespaceState s) {
        if (!s.enabled()) {
            return null;
        }
        if (s.claim().mode() == NamespaceMode.FSDAX) {
            return s.claim().pfn().uuid();
        }
        return s.claim().mode() == NamespaceMode.SECTOR ? s.claim().sector().uuid() : null;
    }
}
