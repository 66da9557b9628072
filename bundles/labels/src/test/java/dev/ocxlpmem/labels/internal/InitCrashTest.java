package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * init-labels -f over every kind of area, crashed at every point: after each persisted write and
 * in the middle of each, torn at 8-byte boundaries of the index block writes. The area must always read as before (its
 * namespaces) or after (a fresh, empty index), and end as Linux's own bytes.
 */
class InitCrashTest {

    /**
     * {@code tear}: the step of torn points in index block writes (8 = every 8-byte boundary); the
     * slot-zeroing chunks, which only touch slots the index marks free, are torn at every 512 bytes,
     * or only whole on the 16 MiB card area, whose parse is the slow part.
     */
    @ParameterizedTest(name = "{0} bytes, {1} with {2} namespaces, to {3}")
    @CsvSource({
            "131072, V1_1, 3, V1_1, 8", "131072, V1_1, 3, V1_2, 8", "131072, V1_2, 3, V1_2, 8",
            "131072, V1_2, 3, V1_1, 8", "262144, V1_1, 5, V1_2, 8", "262144, V1_2, 5, V1_1, 8",
            "262144, V1_2, 0, V1_2, 8", "131072, NONE, 0, V1_2, 8", "262144, NONE, 0, V1_1, 8",
            "16777216, V1_1, 4, V1_2, 256", "16777216, V1_2, 4, V1_1, 256"})
    void everyCrashPointReadsAsBeforeOrAfter(int size, String from, int namespaces, LabelVersion to, int tear)
            throws Exception {
        byte[] start = from.equals("NONE") ? new byte[size]
                : Areas.withNamespaces(size, LabelVersion.valueOf(from), namespaces);
        Set<UUID> before = uuids(start);
        byte[] expected = fresh(size, to);
        try (OneDimmBus t = OneDimmBus.with(start, Areas.COOKIE).disabled()) {
            t.card().record();
            new ConfigDataLabelStore().init(t.dimm(), to, true);
            List<InMemoryDimm.Write> writes = List.copyOf(t.card().log());
            assertArrayEquals(expected, t.card().snapshot(), "the end result is ndctl's");
            int points = 0;
            byte[] area = start.clone();
            for (InMemoryDimm.Write w : writes) {
                boolean index = w.data().length <= 16640;
                int step = index ? tear : size > 262144 ? w.data().length : 512;
                for (int torn = 0; torn < w.data().length; torn += step) {
                    byte[] crashed = area.clone();
                    System.arraycopy(w.data(), 0, crashed, (int) w.offset(), torn);
                    check(crashed, before, from.equals("NONE"), points++);
                }
                System.arraycopy(w.data(), 0, area, (int) w.offset(), w.data().length);
                check(area, before, from.equals("NONE"), points++);
            }
            assertArrayEquals(expected, area, "the recorded writes are all the writes");
            assertTrue(points > writes.size());
            System.out.printf("init-labels %d bytes %s (%d namespaces) -> %s: %d writes, %d crash points%n", size, from,
                    namespaces, to, writes.size(), points);
        }
    }

    private static void check(byte[] area, Set<UUID> before, boolean blankBefore, int point) {
        ParsedArea parsed = AreaParser.parse("nmem0", area, null);
        LabelReading r = parsed.reading();
        if (r == null) {
            assertTrue(blankBefore, "crash point " + point + ": no valid index: " + parsed.problems());
            assertTrue(parsed.blank(), "crash point " + point + ": blank before, so still blank (label-less)");
            return;
        }
        Set<UUID> found = uuids(r);
        assertTrue(found.equals(before) || found.isEmpty(), "crash point " + point + ": " + found.size()
                + " namespaces, neither the " + before.size() + " before nor none");
    }

    private static Set<UUID> uuids(byte[] area) {
        LabelReading r = AreaParser.parse("nmem0", area, null).reading();
        return r == null ? Set.of() : uuids(r);
    }

    private static Set<UUID> uuids(LabelReading r) {
        return r.labels().stream().map(NamespaceLabel::uuid).collect(Collectors.toSet());
    }

    private static byte[] fresh(int size, LabelVersion version) throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(size, Areas.COOKIE).disabled()) {
            new ConfigDataLabelStore().init(t.dimm(), version, false);
            byte[] area = t.card().snapshot();
            assertNotNull(AreaParser.parse("nmem0", area, null).reading());
            return area;
        }
    }
}
