package dev.ocxlpmem.nvdimm;

import java.util.List;
import java.util.Objects;

import dev.ocxlpmem.memory.Mapping;

/**
 * What a provider passes to {@link BusRegistration#createRegion} ({@code struct nd_region_desc}).
 *
 * @param start the region's start address as the provider sees it
 * @param memory the region's bytes, exactly {@code size} of them; the region's drivers reach the
 *     data through it (the kernel's {@code devm_memremap} of the region's resource). The provider
 *     keeps ownership: it closes the mapping after unregistering the bus.
 * @param mappings how the region lies on its DIMMs
 * @param interleaveSet the interleave-set cookies labels must carry
 * @param align the region's alignment for namespaces (Linux's region {@code align})
 * @param persistenceDomain where writes become persistent
 * @param targetNode the NUMA node the memory would online to, or -1
 */
public record RegionDescriptor(long start, Mapping memory, List<RegionMapping> mappings, InterleaveSet interleaveSet,
        long align, PersistenceDomain persistenceDomain, int targetNode) {

    /** Linux's default region alignment: 16 MiB, the largest memory section size it must honour. */
    public static final long DEFAULT_ALIGN = 16L << 20;

    public RegionDescriptor {
        Objects.requireNonNull(memory, "memory");
        mappings = List.copyOf(mappings);
        Objects.requireNonNull(interleaveSet, "interleaveSet");
        Objects.requireNonNull(persistenceDomain, "persistenceDomain");
    }

    /** The region's size: that of its memory. */
    public long size() {
        return memory.size();
    }
}
