package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.internal.DpaResources.Extent;

/** Linux's DPA allocator on one DIMM mapping, case by case (the sequences are in LinuxReplayTest). */
class DpaResourcesTest {
    static final long MIB = 1L << 20;
    static final long ALIGN = 16 * MIB;

    static DpaResources gib() {
        return new DpaResources(0, 1024 * MIB, ALIGN);
    }

    @Test
    void anEmptyDimmGivesItsStartAndAllOfIt() throws Exception {
        DpaResources d = gib();
        assertEquals(1024 * MIB, d.availableSize());
        assertEquals(1024 * MIB, d.maxAvailableExtent());
        d.resize("pmem-a", 64 * MIB);
        assertEquals(List.of(new Extent("pmem-a", 0, 64 * MIB)), d.extents());
        assertEquals(960 * MIB, d.maxAvailableExtent());
    }

    @Test
    void firstFitFromTheLowestAddress() throws Exception {
        DpaResources d = gib();
        d.resize("pmem-a", 64 * MIB);
        d.resize("pmem-b", 128 * MIB);
        d.resize("pmem-c", 64 * MIB);
        d.resize("pmem-b", 0);
        assertEquals(896 * MIB, d.availableSize());
        assertEquals(768 * MIB, d.maxAvailableExtent(), "the hole of 128 MiB is not the largest");
        d.resize("pmem-d", 32 * MIB);
        assertEquals(64 * MIB, d.extents("pmem-d").get(0).start(), "the first hole that holds it");
        d.resize("pmem-e", 128 * MIB);
        assertEquals(256 * MIB, d.extents("pmem-e").get(0).start(), "96 MiB left in the hole: too small");
    }

    @Test
    void aNamespaceGrowsOnlyIntoSpaceItTouches() throws Exception {
        DpaResources d = gib();
        d.resize("pmem-a", 64 * MIB);
        d.resize("pmem-b", 64 * MIB);
        d.resize("pmem-c", 16 * MIB);
        d.resize("pmem-c", 0);
        d.resize("pmem-b", 128 * MIB); // grows down into the space after it
        assertEquals(List.of(new Extent("pmem-b", 64 * MIB, 128 * MIB)), d.extents("pmem-b"));
        NamespaceException e = assertThrows(NamespaceException.class, () -> d.resize("pmem-a", 128 * MIB));
        assertTrue(e.getMessage().startsWith("cannot grow pmem-a to 134217728: it must stay one contiguous extent"),
                e.getMessage());
        assertEquals(List.of(new Extent("pmem-a", 0, 64 * MIB)), d.extents("pmem-a"), "unchanged");
        d.resize("pmem-a", 32 * MIB); // shrinks from its end
        assertEquals(List.of(new Extent("pmem-a", 0, 32 * MIB)), d.extents("pmem-a"));
        d.resize("pmem-b", 160 * MIB); // now it can grow up into the space before it
        assertEquals(List.of(new Extent("pmem-b", 32 * MIB, 160 * MIB)), d.extents("pmem-b"));
    }

    @Test
    void refusesWhatLinuxRefuses() throws Exception {
        DpaResources d = gib();
        assertEquals("size 20971520 is not a multiple of the region's align 16777216 (16384K)",
                assertThrows(NamespaceException.class, () -> d.resize("pmem-a", 20 * MIB)).getMessage());
        assertEquals("size 2147483648 does not fit: the largest free extent is 1073741824",
                assertThrows(NamespaceException.class, () -> d.resize("pmem-a", 2048 * MIB)).getMessage());
        d.reserve("pmem-x", 0, 64 * MIB);
        assertTrue(assertThrows(NamespaceException.class, () -> d.reserve("pmem-y", 32 * MIB, 64 * MIB)).getMessage()
                .startsWith("pmem-y at dpa 0x2000000 overlaps pmem-x at 0x0"));
        assertThrows(NamespaceException.class, () -> d.reserve("pmem-z", Long.MAX_VALUE - 10, 64 * MIB));
        assertEquals(List.of(new Extent("pmem-x", 0, 64 * MIB)), d.extents(), "nothing changed");
    }

    /** Ranges not on the align (Linux labels from elsewhere): free space is counted on align boundaries. */
    @Test
    void unalignedRangesCostWholeAlignBlocks() throws Exception {
        DpaResources d = gib();
        d.reserve("pmem-a", 4096, 16 * MIB);
        d.reserve("pmem-b", 32 * MIB, 16 * MIB);
        d.reserve("pmem-c", 48 * MIB + 8192, 4 * MIB);
        assertEquals(960 * MIB, d.availableSize());
        assertEquals(960 * MIB, d.maxAvailableExtent());
        d.resize("pmem-d", 16 * MIB);
        assertEquals(64 * MIB, d.extents("pmem-d").get(0).start());
        // two ranges in one align block count the block twice (nd_pmem_available_dpa sums each), and
        // the largest extent is measured by reserving only that much: 992 MiB of the 1008 MiB free
        DpaResources twice = gib();
        twice.reserve("pmem-a", 0, 4 * MIB);
        twice.reserve("pmem-b", 8 * MIB, 4 * MIB);
        assertEquals(992 * MIB, twice.availableSize());
        assertEquals(992 * MIB, twice.maxAvailableExtent());
    }

    @Test
    void aRangeReachingPastTheMappingLeavesNoFreeSpace() throws Exception {
        DpaResources d = new DpaResources(0, 1024 * MIB - 4096, ALIGN);
        d.reserve("pmem-a", 1008 * MIB, 16 * MIB - 4096);
        assertEquals(0, d.availableSize(), "misaligned to the interleave set");
        assertEquals(0, d.maxAvailableExtent());
    }

    @Test
    void renamesAsANewUuidDoes() throws Exception {
        DpaResources d = gib();
        d.resize("pmem-a", 64 * MIB);
        d.rename("pmem-a", "pmem-b");
        assertEquals(List.of(new Extent("pmem-b", 0, 64 * MIB)), d.extents());
        assertEquals(64 * MIB, d.allocated("pmem-b"));
        assertEquals(0, d.allocated("pmem-a"));
    }
}
