package dev.ocxlpmem.ndctl;

import java.util.List;

import dev.ocxlpmem.nvdimm.PersistenceDomain;

/**
 * A region as {@code ndctl list -R} shows it; every value is the region's own.
 *
 * @param dev {@code regionN}
 * @param bus its bus
 * @param size bytes
 * @param align namespace alignment
 * @param availableSize bytes not taken by namespaces
 * @param maxAvailableExtent the largest free extent
 * @param type {@code pmem}
 * @param isetId the interleave-set cookie ({@code iset_id})
 * @param mappings its extents on DIMMs
 * @param persistenceDomain where writes become persistent
 * @param enabled whether it is enabled
 * @param readOnly whether it is read-only
 * @param start its start address as the provider sees it
 * @param targetNode the NUMA node it would online to, or -1
 */
public record RegionInfo(String dev, String bus, long size, long align, long availableSize, long maxAvailableExtent,
        String type, long isetId, List<MappingInfo> mappings, PersistenceDomain persistenceDomain, boolean enabled,
        boolean readOnly, long start, int targetNode) {
    public RegionInfo {
        mappings = List.copyOf(mappings);
    }

    /** The number in {@code regionN}. */
    public int number() {
        return Integer.parseInt(dev.substring("region".length()));
    }
}
