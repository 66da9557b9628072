package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.ocxlpmem.labels.LabelProblem.Severity;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;

/** Each kind of damage is reported where it is, with the field, what was expected and what was found. */
class ValidationTest {
    static final RegionInfo REGION = new RegionInfo("region0", false, Areas.COOKIE, Areas.COOKIE, 0, 1L << 30, 1, 0);

    static ParsedArea damaged(LabelVersion v, Consumer<byte[]> damage) throws Exception {
        byte[] area = Areas.withNamespaces(131072, v, 3);
        damage.accept(area);
        return AreaParser.parse("nmem0", area, REGION);
    }

    static LabelProblem only(List<LabelProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @ParameterizedTest
    @EnumSource(LabelVersion.class)
    void cleanAreaHasNoProblems(LabelVersion v) throws Exception {
        ParsedArea p = damaged(v, a -> { });
        assertEquals(List.of(), p.problems());
        assertEquals(3, p.reading().labels().size());
    }

    /** Index-block fields, each broken in the non-current block with its checksum fixed. */
    @ParameterizedTest
    @EnumSource(LabelVersion.class)
    void indexFields(LabelVersion v) throws Exception {
        byte[] base = Areas.withNamespaces(131072, v, 3);
        LabelGeometry g = Areas.geometry(base, v);
        int other = 1 - Areas.current(base, v);
        int off = g.blockOffset(other);
        Object[][] cases = {
            {IndexBlockCodec.SEQ, 4L, 4, "seq"},
            {IndexBlockCodec.MYOFF, 8L, 0x300L, "myoff"},
            {IndexBlockCodec.OTHEROFF, 8L, 0x300L, "otheroff"},
            {IndexBlockCodec.LABELOFF, 8L, 0x100L, "labeloff"},
            {IndexBlockCodec.MYSIZE, 8L, 71L, "mysize"},
            {IndexBlockCodec.MYSIZE, 8L, 512L, "mysize"},
            {IndexBlockCodec.NSLOT, 4L, 100_000, "nslot"},
            // (a 1.2 block declaring 128-byte labels would be a valid 1.1 block: Linux probes 1.1 first)
            {IndexBlockCodec.LABELSIZE, 1L, v == LabelVersion.V1_2 ? 2 : 1, "labelsize"},
        };
        for (Object[] c : cases) {
            byte[] area = base.clone();
            int at = off + (int) c[0];
            if ((long) c[1] == 8L) {
                Bytes.put64(area, at, (long) c[2]);
            } else if ((long) c[1] == 4L) {
                Bytes.put32(area, at, ((Number) c[2]).intValue());
            } else {
                area[at] = ((Number) c[2]).byteValue();
            }
            if (c[3].equals("labelsize") && v == LabelVersion.V1_1) {
                Bytes.put16(area, off + IndexBlockCodec.MINOR, 2); // a 1.2 block declaring 256-byte labels
            }
            Areas.resealIndex(area, g, other);
            ParsedArea p = AreaParser.parse("nmem0", area, REGION);
            assertNotNull(p.reading(), "the current block still carries the area");
            LabelProblem problem = only(p.problems());
            assertEquals("index block " + other, problem.where());
            assertEquals(c[3], problem.field());
            assertEquals(Severity.WARNING, problem.severity(), "the next update rewrites that block");
            assertTrue(p.reading().isValid());
        }
    }

    @Test
    void badChecksumAndSignature() throws Exception {
        ParsedArea p = damaged(LabelVersion.V1_1, a -> a[0x100 + 0x60] ^= 1);
        LabelProblem problem = only(p.problems());
        assertEquals("index block 1", problem.where());
        assertEquals("checksum", problem.field());
        assertTrue(problem.expected().startsWith("0x") && problem.found().startsWith("0x"));

        p = damaged(LabelVersion.V1_1, a -> {
            a[0] = 'X';
            a[0x100] = 'Y';
        });
        assertNull(p.reading());
        assertEquals(2, p.problems().size());
        for (LabelProblem sig : p.problems()) {
            assertEquals("sig", sig.field());
            assertEquals(Severity.ERROR, sig.severity());
        }
        assertEquals("XAMESPACE_INDEX\\0", p.problems().get(0).found());
    }

    @Test
    void blankAreaHasNoIndex() {
        ParsedArea p = AreaParser.parse("nmem0", new byte[131072], REGION);
        assertNull(p.reading());
        assertEquals(List.of("index block 0", "index block 1"), p.problems().stream().map(LabelProblem::where).toList());
        ParsedArea tiny = AreaParser.parse("nmem0", new byte[1000], REGION);
        assertEquals("config_size", only(tiny.problems()).field());
    }

    @Test
    void equalSequenceNumbersPickBlockOneAndWarn() throws Exception {
        byte[] area = Areas.withNamespaces(131072, LabelVersion.V1_1, 1);
        LabelGeometry g = Areas.geometry(area, LabelVersion.V1_1);
        Bytes.put32(area, IndexBlockCodec.SEQ, 2);
        Bytes.put32(area, 0x100 + IndexBlockCodec.SEQ, 2);
        Areas.resealIndex(area, g, 0);
        Areas.resealIndex(area, g, 1);
        ParsedArea p = AreaParser.parse("nmem0", area, REGION);
        assertEquals(1, p.reading().current());
        // block 1 holds the state between the create's two steps
        assertEquals(List.of("index block 1 seq", "slot 0 flags"),
                p.problems().stream().map(x -> x.where() + " " + x.field()).toList());
    }

    @ParameterizedTest
    @EnumSource(LabelVersion.class)
    void labelFields(LabelVersion v) throws Exception {
        byte[] base = Areas.withNamespaces(131072, v, 3);
        LabelGeometry g = Areas.geometry(base, v);
        LabelReading r = AreaParser.parse("nmem0", base, REGION).reading();
        int slot = r.labels().get(1).slot();
        int off = g.slotOffset(slot);
        record Case(int offset, int width, long value, String field, boolean dropped) { }
        List<Case> cases = List.of(
                new Case(LabelCodec.SLOT, 4, slot + 1, "slot", true),
                new Case(LabelCodec.DPA, 8, Areas.MIB - 512, "dpa", false),
                new Case(LabelCodec.RAWSIZE, 8, 1000, "rawsize", false),
                new Case(LabelCodec.ISETCOOKIE, 8, 42, "isetcookie", false),
                new Case(LabelCodec.NLABEL, 2, 2, "nlabel", false),
                new Case(LabelCodec.POSITION, 2, 1, "position", false),
                new Case(LabelCodec.UUID_OFF, 8, 0, "uuid", false),
                new Case(LabelCodec.DPA, 8, 1L << 50, "dpa", false));
        for (Case c : cases) {
            byte[] area = base.clone();
            switch (c.width()) {
                case 2 -> Bytes.put16(area, off + c.offset(), (int) c.value());
                case 4 -> Bytes.put32(area, off + c.offset(), (int) c.value());
                default -> {
                    Bytes.put64(area, off + c.offset(), c.value());
                    if (c.field().equals("uuid")) {
                        Bytes.put64(area, off + 8, 0);
                    }
                }
            }
            Areas.resealLabel(area, g, slot);
            ParsedArea p = AreaParser.parse("nmem0", area, REGION);
            // (a misaligned dpa also overlaps a neighbour: that comes second)
            LabelProblem problem = p.problems().get(0);
            assertEquals(c.field().equals("dpa") && c.value() % 4096 != 0 ? 2 : 1, p.problems().size(),
                    p.problems().toString());
            assertEquals("slot " + slot, problem.where(), c.toString());
            assertEquals(c.field(), problem.field(), c.toString());
            assertEquals(Severity.ERROR, problem.severity());
            assertEquals(c.dropped() ? 2 : 3, p.reading().labels().size(), c.toString());
            assertFalse(p.reading().isValid());
        }
        if (v == LabelVersion.V1_2) {
            byte[] area = base.clone();
            area[off + LabelCodec.NAME] ^= 1;
            LabelProblem problem = only(AreaParser.parse("nmem0", area, REGION).problems());
            assertEquals("checksum", problem.field());
            area = base.clone();
            area[off + LabelCodec.TYPE_GUID] ^= 1;
            Areas.resealLabel(area, g, slot);
            assertEquals("type_guid", only(AreaParser.parse("nmem0", area, REGION).problems()).field());
            area = base.clone();
            area[off + LabelCodec.ABSTRACTION_GUID] ^= 1;
            Areas.resealLabel(area, g, slot);
            LabelProblem unknown = only(AreaParser.parse("nmem0", area, REGION).problems());
            assertEquals("abstraction_guid", unknown.field());
            assertEquals(Severity.WARNING, unknown.severity());
        }
    }

    @ParameterizedTest
    @EnumSource(LabelVersion.class)
    void duplicatesAndOverlaps(LabelVersion v) throws Exception {
        byte[] base = Areas.withNamespaces(131072, v, 3);
        LabelGeometry g = Areas.geometry(base, v);
        List<Integer> slots = AreaParser.parse("nmem0", base, REGION).reading().labels().stream()
                .map(l -> l.slot()).toList();
        // the third label claims the first one's namespace
        byte[] area = base.clone();
        System.arraycopy(area, g.slotOffset(slots.get(0)), area, g.slotOffset(slots.get(2)), 16);
        Areas.resealLabel(area, g, slots.get(2));
        LabelProblem dup = only(AreaParser.parse("nmem0", area, REGION).problems());
        assertEquals("uuid", dup.field());
        assertTrue(dup.found().contains("also in slot " + slots.get(0)), dup.toString());
        // the second namespace (1 MiB at 1 MiB) grows into the third (at 2 MiB)
        area = base.clone();
        Bytes.put64(area, g.slotOffset(slots.get(1)) + LabelCodec.RAWSIZE, 2 * Areas.MIB);
        Areas.resealLabel(area, g, slots.get(1));
        LabelProblem overlap = only(AreaParser.parse("nmem0", area, REGION).problems());
        assertEquals("slot " + slots.get(2), overlap.where());
        assertEquals("dpa", overlap.field());
    }

    @Test
    void updatingLabelIsAWarning() throws Exception {
        byte[] area = Areas.withNamespaces(131072, LabelVersion.V1_2, 2);
        LabelGeometry g = Areas.geometry(area, LabelVersion.V1_2);
        int slot = AreaParser.parse("nmem0", area, REGION).reading().labels().get(0).slot();
        Bytes.put32(area, g.slotOffset(slot) + LabelCodec.FLAGS, 0x8);
        Areas.resealLabel(area, g, slot);
        ParsedArea p = AreaParser.parse("nmem0", area, REGION);
        LabelProblem problem = only(p.problems());
        assertEquals(Severity.WARNING, problem.severity());
        assertEquals("flags", problem.field());
        assertTrue(p.reading().isValid());
    }

    @Test
    void ndctlAndKernelBitmapPaddingBothRead() throws Exception {
        // 1020 slots: bits 1020..1023 of the last bitmap byte are padding
        byte[] area = Areas.withNamespaces(131072, LabelVersion.V1_1, 2);
        LabelGeometry g = Areas.geometry(area, LabelVersion.V1_1);
        for (int block = 0; block < 2; block++) {
            area[g.blockOffset(block) + IndexBlockCodec.FREE + 127] &= 0x0F; // the kernel's zeros
            Areas.resealIndex(area, g, block);
        }
        ParsedArea p = AreaParser.parse("nmem0", area, REGION);
        assertEquals(List.of(), p.problems());
        assertEquals(1018, p.reading().freeSlots());
    }

    @Test
    void problemListIsBounded() throws Exception {
        // every slot in use, every label wrong
        byte[] area = Areas.withNamespaces(262144, LabelVersion.V1_1, 0);
        LabelGeometry g = Areas.geometry(area, LabelVersion.V1_1);
        int cur = Areas.current(area, LabelVersion.V1_1);
        for (int i = 0; i < (g.nslot() + 7) / 8; i++) {
            area[g.blockOffset(cur) + IndexBlockCodec.FREE + i] = 0;
        }
        Areas.resealIndex(area, g, cur);
        List<LabelProblem> problems = AreaParser.parse("nmem0", area, REGION).problems();
        assertEquals(ProblemList.LIMIT + 1, problems.size());
        assertEquals("problems", problems.get(ProblemList.LIMIT).field());
    }
}
