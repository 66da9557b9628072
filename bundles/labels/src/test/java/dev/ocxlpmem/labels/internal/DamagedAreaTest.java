package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Damaged areas, made from valid ones by a seeded random mix of bit flips, field values, bitmap
 * and label garbage, copied labels, other sizes and refreshed checksums (so that damage gets past
 * the checksums into the deeper checks). The reader answers each with a reading or a list of
 * problems: never another exception, never a hang.
 */
class DamagedAreaTest {
    static final int CASES = 120_000;
    static final int THROUGH_THE_BUS = 3_000;
    static final long CASE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    static final long[] INTERESTING = {0, 1, 2, 3, 4, 7, 8, 71, 72, 128, 255, 256, 257, 512, 0x200, 0x400, 1020,
        1022, 4096, 65470, 65536, 0x7FFF_FFFFL, 0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE,
        Long.MIN_VALUE, -1, -4096};
    static final int[] INDEX_FIELDS = {IndexBlockCodec.FLAGS, IndexBlockCodec.LABELSIZE, IndexBlockCodec.SEQ,
        IndexBlockCodec.MYOFF, IndexBlockCodec.MYSIZE, IndexBlockCodec.OTHEROFF, IndexBlockCodec.LABELOFF,
        IndexBlockCodec.NSLOT, IndexBlockCodec.MAJOR, IndexBlockCodec.MINOR, IndexBlockCodec.CHECKSUM};
    static final int[] LABEL_FIELDS = {LabelCodec.FLAGS, LabelCodec.NLABEL, LabelCodec.POSITION,
        LabelCodec.ISETCOOKIE, LabelCodec.LBASIZE, LabelCodec.DPA, LabelCodec.RAWSIZE, LabelCodec.SLOT,
        LabelCodec.ALIGN, LabelCodec.NAME};

    record Base(byte[] area, LabelVersion version, int weight) {
    }

    static final List<Base> BASES = new ArrayList<>();

    @BeforeAll
    static void bases() throws Exception {
        BASES.add(new Base(Areas.withNamespaces(1024, LabelVersion.V1_1, 3), LabelVersion.V1_1, 10));
        BASES.add(new Base(Areas.withNamespaces(1024, LabelVersion.V1_2, 1), LabelVersion.V1_2, 10));
        BASES.add(new Base(Areas.withNamespaces(1280, LabelVersion.V1_2, 1), LabelVersion.V1_2, 4));
        BASES.add(new Base(Areas.withNamespaces(4096, LabelVersion.V1_1, 12), LabelVersion.V1_1, 10));
        BASES.add(new Base(Areas.withNamespaces(4096, LabelVersion.V1_2, 5), LabelVersion.V1_2, 10));
        BASES.add(new Base(Areas.withNamespaces(32768, LabelVersion.V1_2, 40), LabelVersion.V1_2, 6));
        BASES.add(new Base(Areas.withNamespaces(65536, LabelVersion.V1_1, 60), LabelVersion.V1_1, 4));
        BASES.add(new Base(LinuxFixturesTest.fixture("v1.1-128K-raw-fsdax.bin"), LabelVersion.V1_1, 3));
        BASES.add(new Base(LinuxFixturesTest.fixture("v1.2-256K-raw.bin"), LabelVersion.V1_2, 2));
        BASES.add(new Base(Areas.withNamespaces(131072, LabelVersion.V1_2, 200), LabelVersion.V1_2, 2));
    }

    @Test
    @Timeout(value = 100, unit = TimeUnit.SECONDS)
    void theReaderAnswersEveryDamagedArea() throws Exception {
        Random random = new Random(0x1abe15L);
        int total = BASES.stream().mapToInt(Base::weight).sum();
        int readings = 0;
        int rejected = 0;
        int valid = 0;
        long slowest = 0;
        for (int n = 0; n < CASES; n++) {
            int pick = random.nextInt(total);
            Base base = null;
            for (Base b : BASES) {
                pick -= b.weight();
                if (pick < 0) {
                    base = b;
                    break;
                }
            }
            byte[] area = damage(base, random);
            RegionInfo region = random.nextInt(4) == 0 ? null : new RegionInfo("region0", false,
                    random.nextBoolean() ? Areas.COOKIE : random.nextLong(), Areas.COOKIE, 0,
                    random.nextBoolean() ? 1L << 30 : random.nextLong() >>> 20, 1, 0);
            long start = System.nanoTime();
            ParsedArea p;
            try {
                p = AreaParser.parse("nmem0", area, region);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("case " + n + " (" + area.length + " bytes): " + e, e);
            }
            long took = System.nanoTime() - start;
            slowest = Math.max(slowest, took);
            if (took > CASE_LIMIT_NANOS) {
                fail("case " + n + " took " + took / 1_000_000 + " ms");
            }
            if (p.reading() == null) {
                rejected++;
                assertFalse(p.problems().isEmpty(), "case " + n);
                assertTrue(p.problems().stream().anyMatch(LabelProblem::isError), "case " + n);
            } else {
                readings++;
                sane(p.reading(), n);
                if (p.reading().isValid()) {
                    valid++;
                }
            }
        }
        System.out.printf("damaged areas: %d fed to the reader: %d readings (%d without errors), %d rejected "
                + "with problems; slowest %.2f ms%n", CASES, readings, valid, rejected, slowest / 1e6);
        assertTrue(readings > CASES / 10 && rejected > CASES / 10, "the damage reaches both outcomes");
    }

    /** Through a real bus: read, check and, where the area allows it, an update. */
    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theStoreAnswersEveryDamagedArea() throws Exception {
        Random random = new Random(0xc0ffeeL);
        int updated = 0;
        int refused = 0;
        for (int n = 0; n < THROUGH_THE_BUS; n++) {
            Base base = BASES.get(random.nextInt(BASES.size() - 1));
            byte[] area = damage(base, random);
            if (area.length == 0) {
                continue;
            }
            try (OneDimmBus t = OneDimmBus.with(area, Areas.COOKIE)) {
                ConfigDataLabelStore store = new ConfigDataLabelStore();
                List<LabelProblem> problems = store.check(t.dimm());
                LabelReading r;
                try {
                    r = store.read(t.dimm());
                } catch (LabelException e) {
                    assertFalse(e.problems().isEmpty(), "case " + n + ": " + e.getMessage());
                    assertEquals(problems, e.problems());
                    continue;
                }
                assertEquals(problems, r.problems());
                sane(r, n);
                byte[] before = t.card().snapshot();
                try {
                    UUID u = new UUID(random.nextLong(), random.nextLong() | 1);
                    store.create(t.labelOwner(), NamespaceSpec.raw(u, "fuzz", (600L << 20) + random.nextInt(1000) * 4096L, 4096));
                    LabelReading after = new ConfigDataLabelStore().read(t.dimm());
                    assertTrue(after.label(u).isPresent(), "case " + n);
                    assertTrue(after.isValid(), "case " + n + ": " + after.errors());
                    updated++;
                } catch (LabelException e) {
                    assertTrue(Arrays.equals(before, t.card().snapshot()), "case " + n + ": refused but wrote: "
                            + e.getMessage());
                    refused++;
                }
            }
        }
        System.out.printf("damaged areas through the bus: %d; a create went through on %d, was refused on %d%n",
                THROUGH_THE_BUS, updated, refused);
        assertTrue(updated > 0 && refused > 0);
    }

    static void sane(LabelReading r, int n) {
        Set<Integer> slots = new HashSet<>();
        for (NamespaceLabel l : r.labels()) {
            assertTrue(l.slot() >= 0 && l.slot() < r.nslot(), "case " + n);
            assertTrue(slots.add(l.slot()), "case " + n);
        }
        assertTrue(r.freeSlots() >= 0 && r.freeSlots() + r.labels().size() <= r.nslot(), "case " + n);
        assertTrue(r.problems().size() <= ProblemList.LIMIT + 1, "case " + n);
        assertTrue(r.currentIndex().valid(), "case " + n);
        if (r.isValid()) {
            Set<UUID> uuids = new HashSet<>();
            for (NamespaceLabel l : r.labels()) {
                assertTrue(uuids.add(l.uuid()), "case " + n + ": a valid reading has no duplicates");
                assertEquals(0, l.dpa() % 4096, "case " + n);
            }
        }
    }

    static byte[] damage(Base base, Random random) {
        byte[] area = base.area().clone();
        int steps = 1 + random.nextInt(4);
        for (int s = 0; s < steps; s++) {
            LabelGeometry g = geometry(area, base.version(), random);
            switch (random.nextInt(10)) {
                case 0 -> { // bit flips, mostly in the index blocks
                    int span = g == null || random.nextBoolean() ? area.length : Math.min(area.length, 2 * g.indexSize());
                    for (int i = random.nextInt(8); i >= 0 && span > 0; i--) {
                        area[random.nextInt(span)] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1, 2 -> { // an index field set to an interesting value
                    if (g == null) {
                        break;
                    }
                    int off = g.blockOffset(random.nextInt(2)) + INDEX_FIELDS[random.nextInt(INDEX_FIELDS.length)];
                    put(area, off, value(random, g), random);
                }
                case 3 -> { // bitmap bytes: slots marked in use or free at random
                    if (g == null) {
                        break;
                    }
                    int off = g.blockOffset(random.nextInt(2)) + IndexBlockCodec.FREE;
                    int len = g.indexSize() - IndexBlockCodec.FREE;
                    for (int i = random.nextInt(16); i >= 0; i--) {
                        area[off + random.nextInt(len)] = (byte) (random.nextBoolean() ? 0 : random.nextInt(256));
                    }
                }
                case 4 -> { // a label field
                    if (g == null) {
                        break;
                    }
                    int slot = random.nextInt(g.nslot());
                    put(area, g.slotOffset(slot) + LABEL_FIELDS[random.nextInt(LABEL_FIELDS.length)], value(random, g),
                            random);
                }
                case 5 -> { // a garbage label that claims its slot
                    if (g == null) {
                        break;
                    }
                    int slot = random.nextInt(g.nslot());
                    int off = g.slotOffset(slot);
                    for (int i = 0; i < g.labelSize(); i++) {
                        area[off + i] = (byte) random.nextInt(256);
                    }
                    Bytes.put32(area, off + LabelCodec.SLOT, slot);
                }
                case 6 -> { // one label copied over another: duplicates, or a wrong slot field
                    if (g == null) {
                        break;
                    }
                    int from = random.nextInt(g.nslot());
                    int to = random.nextInt(g.nslot());
                    System.arraycopy(area, g.slotOffset(from), area, g.slotOffset(to), g.labelSize());
                    if (random.nextBoolean()) {
                        Bytes.put32(area, g.slotOffset(to) + LabelCodec.SLOT, to);
                    }
                }
                case 7 -> { // another size: the geometry moves under the data
                    int len = random.nextInt(5) == 0 ? random.nextInt(1100)
                            : Math.max(0, area.length + (random.nextInt(2049) - 1024) * (random.nextBoolean() ? 1 : 128));
                    len = Math.min(len, 1 << 19);
                    area = Arrays.copyOf(area, len);
                }
                case 8 -> { // a range of bytes filled
                    if (area.length == 0) {
                        break;
                    }
                    int from = random.nextInt(area.length);
                    int to = Math.min(area.length, from + random.nextInt(600));
                    byte fill = (byte) (random.nextBoolean() ? 0 : random.nextBoolean() ? 0xFF : random.nextInt(256));
                    Arrays.fill(area, from, to, fill);
                }
                default -> { // index blocks swapped or copied
                    if (g == null) {
                        break;
                    }
                    byte[] b0 = Arrays.copyOfRange(area, 0, g.indexSize());
                    System.arraycopy(area, g.indexSize(), area, 0, g.indexSize());
                    if (random.nextBoolean()) {
                        System.arraycopy(b0, 0, area, g.indexSize(), g.indexSize());
                    }
                }
            }
        }
        // refresh checksums so the damage reaches the checks behind them
        LabelGeometry g = geometry(area, base.version(), random);
        if (g != null && random.nextInt(10) < 6) {
            for (int block = 0; block < 2; block++) {
                if (random.nextInt(4) != 0) {
                    Areas.resealIndex(area, g, block);
                }
            }
        }
        if (g != null && g.version() == LabelVersion.V1_2 && random.nextBoolean()) {
            for (int slot = 0; slot < g.nslot(); slot++) {
                if (random.nextInt(3) != 0) {
                    Areas.resealLabel(area, g, slot);
                }
            }
        }
        return area;
    }

    private static LabelGeometry geometry(byte[] area, LabelVersion version, Random random) {
        if (area.length < LabelGeometry.MIN_AREA) {
            return null;
        }
        return LabelGeometry.of(area.length, random.nextInt(8) == 0 ? LabelVersion.values()[1 - version.ordinal()]
                : version);
    }

    private static long value(Random random, LabelGeometry g) {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextInt(4 * g.nslot() + 8);
            default -> INTERESTING[random.nextInt(INTERESTING.length)];
        };
    }

    private static void put(byte[] area, int off, long v, Random random) {
        switch (random.nextInt(4)) {
            case 0 -> area[off] = (byte) v;
            case 1 -> Bytes.put16(area, off, (int) v);
            case 2 -> Bytes.put32(area, off, (int) v);
            default -> {
                if (off + 8 <= area.length) {
                    Bytes.put64(area, off, v);
                }
            }
        }
    }
}
