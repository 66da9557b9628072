package dev.ocxlpmem.namespaces;

import java.util.UUID;

/**
 * A namespace as its region's lifecycle knows it: what {@code ndctl list -N} shows, and where it
 * lies.
 *
 * @param region the region's device name, {@code regionR}
 * @param listing what {@code ndctl list -N} prints for it
 * @param labelUuid its label's uuid ({@code raw_uuid}); {@code null} for a label-less namespace
 *     and for an unconfigured seed
 * @param dpa where it starts on its DIMM (0 for a seed)
 * @param rawSize its size on the DIMM, the label's {@code rawsize} (0 for a seed)
 * @param dataOffset where its data starts, from its first byte: {@code dataoff} of an enabled
 *     fsdax or devdax namespace, else 0
 */
public record NamespaceInfo(String region, NamespaceListing listing, UUID labelUuid, long dpa, long rawSize,
        long dataOffset) {

    public String dev() {
        return listing.dev();
    }

    public NamespaceMode mode() {
        return listing.mode();
    }

    public boolean enabled() {
        return listing.enabled();
    }

    /** Whether it has space: a seed has none. */
    public boolean configured() {
        return rawSize > 0;
    }
}
