package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * Sequences Linux 6.1 and ndctl 76 ran on the linux-peer, replayed on the model and through the
 * whole lifecycle on a card (labels through the label store, info blocks on the region, the
 * region's own free space as the driver tells it): the same placement, sizes, free space, seeds,
 * numbering and refusals (see {@link LinuxReplay}).
 */
class LinuxReplayTest {
    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource
    void createsAndDestroysLandWhereLinuxPutThem(Subject kind) throws Exception {
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, LabelVersion.V1_2, List.of()))) {
            r.replay(PeerTranscript.load("alloc1.txt"));
            assertEquals(0, r.differences.size(), r.differences.toString());
            assertTrue(r.checks > 100, "checks: " + r.checks);
        }
    }

    @ParameterizedTest
    @EnumSource
    void reconfiguresAndRefusalsAsLinux(Subject kind) throws Exception {
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, LabelVersion.V1_2, List.of()))) {
            r.replay(PeerTranscript.load("recfg.txt"));
            assertEquals(3, r.differences.size(), r.differences.toString());
            assertTrue(r.checks > 50, "checks: " + r.checks);
            assertEquals(4, r.readingRefusals, "a mode, an align, a map and a uuid ndctl cannot read");
        }
    }

    /**
     * Labels at 4 KiB-aligned DPAs (written by this project's label store, linux-peer/odd-java.txt):
     * Linux numbers them in its memcmp order, trims the free space to the region's align, puts the
     * next namespace after them, and renumbers when the region is enabled again (odd-linux.txt).
     */
    @ParameterizedTest
    @EnumSource
    void unalignedLabelsNumberAndAllocateAsLinux(Subject kind) throws Exception {
        List<NamespaceLabel> abc = List.of(
                label(1, "0000000a-0000-4000-8000-00000000000a", "A", 0x1000, 16 * Regions.MIB),
                label(2, "0000000b-0000-4000-8000-00000000000b", "B", 0x2000000, 16 * Regions.MIB),
                label(3, "0000000c-0000-4000-8000-00000000000c", "C", 0x3002000, 4 * Regions.MIB));
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, LabelVersion.V1_2, abc))) {
            assertEquals(List.of("B", "A", "C", ""), r.subject.namespaces().stream().map(ReplaySubject.Row::name).toList());
            r.replay(PeerTranscript.load("odd-linux.txt"));
            assertEquals(0, r.differences.size(), r.differences.toString());
            assertTrue(r.checks >= 15, "checks: " + r.checks);
            assertEquals(List.of("B", "D", "A", "C", ""), r.subject.namespaces().stream().map(ReplaySubject.Row::name).toList());
        }
    }

    /** One uuid in two labels (duplicate-linux.txt): the region does not enable, its free space still counts both. */
    @Test
    void aUuidTwiceKeepsTheRegionDisabled() throws Exception {
        UUID a = UUID.fromString("0000000a-0000-4000-8000-00000000000a");
        RegionScan s = RegionScan.scan(List.of(label(1, a.toString(), "A", 0, 16 * Regions.MIB),
                label(2, a.toString(), "A", 64 * Regions.MIB, 16 * Regions.MIB)), LabelVersion.V1_2, Regions.facts(Regions.GIB));
        assertEquals(RegionScan.Kind.FAILED, s.kind());
        PeerTranscript.Step list = PeerTranscript.load("duplicate-linux.txt").steps.get(0);
        assertTrue(list.json("state").orElseThrow().equals("disabled"));
        assertEquals(list.jsonLong("available_size"), s.dpa().availableSize());
        assertEquals(list.jsonLong("max_available_extent"), s.dpa().maxAvailableExtent());
    }

    /** Overlapping extents (overlap-linux.txt): the DIMM fails to probe and the region is label-less. */
    @ParameterizedTest
    @EnumSource(names = "MODEL") // the label store writes neither overlapping nor foreign labels
    void overlappingLabelsMakeTheRegionLabelLess(Subject kind) throws Exception {
        List<NamespaceLabel> ab = List.of(label(1, "0000000a-0000-4000-8000-00000000000a", "A", 0, 64 * Regions.MIB),
                label(2, "0000000b-0000-4000-8000-00000000000b", "A", 32 * Regions.MIB, 64 * Regions.MIB));
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, LabelVersion.V1_2, ab))) {
            assertTrue(r.subject.labelLess());
            r.replay(PeerTranscript.load("overlap-linux.txt"));
            assertTrue(r.checks >= 2, "checks: " + r.checks);
        }
    }

    /**
     * Two labels inside the first 16 MiB block (twice-linux.txt): the gap between them trims to an
     * end below its start, which wraps as an unsigned number; Linux takes the space from 16 MiB on
     * through it, and once a namespace sits there the largest extent reads 0.
     */
    @ParameterizedTest
    @EnumSource(names = "MODEL") // the region counts a shared block once: see below
    void aGapInsideTheFirstBlockWrapsAsInLinux(Subject kind) throws Exception {
        List<NamespaceLabel> ab = List.of(label(1, "0000000a-0000-4000-8000-00000000000a", "A", 0, 4 * Regions.MIB),
                label(2, "0000000b-0000-4000-8000-00000000000b", "B", 8 * Regions.MIB, 4 * Regions.MIB));
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, LabelVersion.V1_2, ab))) {
            r.replay(PeerTranscript.load("twice-linux.txt"));
            assertEquals(0, r.subject.maxAvailableExtent());
            assertEquals(16 * Regions.MIB, r.subject.namespaces().get(2).dpa());
            assertTrue(r.checks >= 8, "checks: " + r.checks);
        }
    }

    /** Free space read again and again while labels off the align come and go (leak-linux.txt). */
    @ParameterizedTest
    @EnumSource(names = "MODEL") // the region counts a shared block once: see below
    void freeSpaceAroundUnalignedLabelsAsLinux(Subject kind) throws Exception {
        List<NamespaceLabel> xabc = List.of(label(1, "0000000a-0000-4000-8000-00000000000a", "X", 0, 16 * Regions.MIB),
                label(2, "0000000b-0000-4000-8000-00000000000b", "A", 32 * Regions.MIB, 4 * Regions.MIB),
                label(3, "0000000c-0000-4000-8000-00000000000c", "B", 40 * Regions.MIB, 4 * Regions.MIB),
                label(4, "0000000d-0000-4000-8000-00000000000d", "C", 48 * Regions.MIB, 16 * Regions.MIB));
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, LabelVersion.V1_2, xabc))) {
            r.replay(PeerTranscript.load("leak-linux.txt"));
            assertTrue(r.checks >= 12, "checks: " + r.checks);
        }
    }

    /** A label of another interleave set (foreign-linux.txt): no namespace, but its space stays taken. */
    @ParameterizedTest
    @EnumSource(names = "MODEL") // the label store writes neither overlapping nor foreign labels
    void aForeignLabelKeepsItsSpace(Subject kind) throws Exception {
        NamespaceLabel b = label(2, "0000000b-0000-4000-8000-00000000000b", "A", 64 * Regions.MIB, 64 * Regions.MIB);
        NamespaceLabel foreign = new NamespaceLabel(2, b.uuid(), b.name(), 0, 1, 0, 0x1234, 512, b.dpa(), b.rawSize(), 0,
                b.typeGuid(), b.abstractionGuid());
        List<NamespaceLabel> labels = List.of(label(1, "0000000a-0000-4000-8000-00000000000a", "A", 0, 64 * Regions.MIB),
                foreign);
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, LabelVersion.V1_2, labels))) {
            r.replay(PeerTranscript.load("foreign-linux.txt"));
            assertEquals(2, r.subject.namespaces().size(), "A and the seed");
            assertTrue(r.checks >= 3, "checks: " + r.checks);
        }
    }

    /**
     * The one place the region's own numbers are not Linux's: two labels written by hand inside one
     * 16 MiB block. Linux counts the block once for each (992 MiB free, twice-linux.txt); the region
     * is told the block once (1008 MiB). Creates still go where Linux puts them: the model decides.
     */
    @Test
    void theRegionCountsABlockSharedByHandWrittenLabelsOnce() throws Exception {
        List<NamespaceLabel> ab = List.of(label(1, "0000000a-0000-4000-8000-00000000000a", "A", 0, 4 * Regions.MIB),
                label(2, "0000000b-0000-4000-8000-00000000000b", "B", 8 * Regions.MIB, 4 * Regions.MIB));
        try (CardSubject card = new CardSubject(dir, Regions.GIB, LabelVersion.V1_2, ab)) {
            assertEquals(992 * Regions.MIB, RegionScan.scan(card.card.labels.read(card.card.dimm()).labels(),
                    LabelVersion.V1_2, Regions.facts(Regions.GIB)).dpa().availableSize(), "Linux's");
            assertEquals(1008 * Regions.MIB, card.availableSize(), "the region's");
            assertEquals(16 * Regions.MIB, card.create(NamespaceOptions.none().withMode(NamespaceMode.RAW).withSize(16L << 20))
                    .size());
            assertEquals(16 * Regions.MIB, card.namespaces().get(2).dpa(), "where Linux put it (twice-linux.txt)");
        }
    }

    /**
     * A grow with no free space next to the namespace (split-linux.txt): Linux's allocator takes a
     * second range at the region's start, writes a label for the first range only, fails to enable
     * the namespace and leaves it shrunk. Refused here before anything is written.
     */
    @ParameterizedTest
    @EnumSource
    void aGrowThatWouldSplitTheNamespaceIsRefused(Subject kind) throws Exception {
        PeerTranscript t = PeerTranscript.load("split-linux.txt");
        int grow = 0;
        while (!t.steps.get(grow).command().startsWith("ndctl create-namespace -e")) {
            grow++;
        }
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, LabelVersion.V1_2, List.of()))) {
            r.replay(t, grow);
            List<ReplaySubject.Row> before = r.subject.namespaces();
            PeerTranscript.Step step = t.steps.get(grow);
            NamespaceException e = assertThrows(NamespaceException.class,
                    () -> r.subject.reconfigure(LinuxReplay.id(step.option("-e").orElseThrow()),
                            Regions.options(step).orElseThrow()));
            assertEquals("namespace0.2: set_size failed: 33554432 bytes would take a second, separate extent; a "
                    + "namespace grows only into the free space right after or before it", e.getMessage());
            assertEquals(before, r.subject.namespaces(), "nothing changed");
            assertTrue(step.stderr().contains("failed to enable"), "Linux failed half-way");
            assertTrue(r.checks >= 5, "checks: " + r.checks);
        }
    }

    /** The model alone, or the lifecycle on a card. */
    enum Subject {
        MODEL, CARD;

        ReplaySubject of(Path dir, long size, LabelVersion version, List<NamespaceLabel> labels) throws Exception {
            return this == MODEL ? new ModelSubject(dir, size, version, labels) : new CardSubject(dir, size, version, labels);
        }
    }

    static NamespaceLabel label(int slot, String uuid, String name, long dpa, long size) {
        return new NamespaceLabel(slot, UUID.fromString(uuid), name, 0, 1, 0, Regions.COOKIE, 512, dpa, size, 0,
                NamespaceLabel.PMEM_TYPE_GUID, new UUID(0, 0));
    }

    @ParameterizedTest
    @EnumSource
    void aBlankLabelAreaAsLinux(Subject kind) throws Exception {
        try (LinuxReplay r = new LinuxReplay(kind.of(dir, Regions.GIB, null, List.of()))) {
            r.replay(PeerTranscript.load("lless.txt"));
            assertEquals(0, r.differences.size(), r.differences.toString());
            assertTrue(r.checks > 10, "checks: " + r.checks);
        }
    }
}
