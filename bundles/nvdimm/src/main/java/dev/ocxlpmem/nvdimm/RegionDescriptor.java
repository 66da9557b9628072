package dev.ocxlpmem.nvdimm;

import java.util.List;
import java.util.Objects;

/**
 * What a provider passes to {@link Bus#createPmemRegion} ({@code struct nd_region_desc}).
 *
 * @param start the region's start address as the provider sees it
 * @param size the region's size in bytes
 * @param mappings how the region lies on its DIMMs
 * @param interleaveSet the interleave-set cookies labels must carry
 * @param targetNode the NUMA node the memory would online to, or -1
 */
public record RegionDescriptor(
        long start, long size, List<RegionMapping> mappings, InterleaveSet interleaveSet, int targetNode) {
    public RegionDescriptor {
        mappings = List.copyOf(mappings);
        Objects.requireNonNull(interleaveSet, "interleaveSet");
    }
}
