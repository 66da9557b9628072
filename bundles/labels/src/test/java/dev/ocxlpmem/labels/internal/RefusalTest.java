package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** Every refusal says why in one line and leaves the area exactly as it was. */
class RefusalTest {
    static final long MIB = Areas.MIB;

    static String refused(OneDimmBus t, Executable action, String... words) {
        byte[] before = t.card().snapshot();
        int writes = t.card().writes();
        LabelException e = assertThrows(LabelException.class, action);
        assertArrayEquals(before, t.card().snapshot(), "a refusal changes nothing: " + e.getMessage());
        assertEquals(writes, t.card().writes(), "a refusal writes nothing: " + e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage());
        }
        assertTrue(e.getMessage().startsWith(t.dimm().dev()) || e.getMessage().startsWith("the data"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line");
        return e.getMessage();
    }

    @Test
    void labelsAreRewrittenByHandOnlyWithTheRegionDisabled() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 64 * 1024, Areas.COOKIE)) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            refused(t, () -> store.init(t.dimm(), LabelVersion.V1_1, false), "regions active, abort label write",
                    "region0 is enabled", "ndctl:disable-region region0");
            refused(t, () -> store.zero(t.dimm()), "ndctl:disable-region region0");
            refused(t, () -> store.write(t.dimm(), new byte[131072]), "ndctl:disable-region region0");
            t.region().disable();
            store.init(t.dimm(), LabelVersion.V1_1, false);
            refused(t, () -> store.init(t.dimm(), LabelVersion.V1_2, false), "already has a valid label index", "-f");
            store.init(t.dimm(), LabelVersion.V1_2, true);
            assertEquals(LabelVersion.V1_2, store.read(t.dimm()).version());
            refused(t, () -> store.write(t.dimm(), new byte[4096]), "4096 bytes", "131072 bytes");
            // namespace updates do not need the region disabled: its driver makes them
            t.region().enable();
            refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", 0, MIB)),
                    "region0 is enabled and owns the labels");
            store.create(t.labelOwner(), NamespaceSpec.raw(UUID.randomUUID(), "", 0, MIB));
            t.region().disable();
            store.zero(t.dimm());
            assertTrue(store.check(t.dimm()).stream().allMatch(p -> p.field().equals("sig")));
        }
    }

    @Test
    void aZeroCookieIsRefusedWithTheReason() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 64 * 1024, 0).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            refused(t, () -> store.init(t.dimm(), LabelVersion.V1_2, false), "cookie is 0",
                    "serial number reads 0", "non-zero cookie");
            // an area initialised elsewhere still cannot take namespaces here
            store.write(t.dimm(), Areas.withNamespaces(131072, LabelVersion.V1_2, 0));
            refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", 0, MIB)),
                    "serial number reads 0");
        }
    }

    @Test
    void badNamespacesAreRefused() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 64 * 1024, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", 0, MIB)),
                    "no valid namespace index block", "ndctl:init-labels");
            store.init(t.dimm(), LabelVersion.V1_1, false);
            UUID a = UUID.randomUUID();
            store.create(t.dimm(), NamespaceSpec.raw(a, "a", 4 * MIB, 4 * MIB));
            refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(a, "again", 64 * MIB, MIB)), "already has a label");
            refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", 6 * MIB, 4 * MIB)),
                    "overlaps namespace " + a);
            refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", 0, 5 * MIB)), "overlaps");
            refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", OneDimmBus.REGION_SIZE - MIB,
                    2 * MIB)), "does not fit region0");
            refused(t, () -> store.update(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", 0, MIB)), "no label for");
            refused(t, () -> store.delete(t.dimm(), UUID.randomUUID()), "no label for");
            // an update may overlap its own old range
            store.update(t.dimm(), NamespaceSpec.raw(a, "a", 2 * MIB, 4 * MIB));
            // a replace too, under a new uuid; not one another label has, nor over another's range
            UUID b = UUID.randomUUID();
            store.create(t.dimm(), NamespaceSpec.raw(b, "b", 16 * MIB, 4 * MIB));
            refused(t, () -> store.replace(t.dimm(), UUID.randomUUID(), NamespaceSpec.raw(UUID.randomUUID(), "", 0,
                    MIB)), "no label for");
            refused(t, () -> store.replace(t.dimm(), a, NamespaceSpec.raw(b, "", 2 * MIB, MIB)),
                    "namespace " + b + " already has a label");
            refused(t, () -> store.replace(t.dimm(), a, NamespaceSpec.raw(UUID.randomUUID(), "", 2 * MIB, 16 * MIB)),
                    "overlaps namespace " + b);
            UUID c = UUID.randomUUID();
            store.replace(t.dimm(), a, NamespaceSpec.raw(c, "c", 0, 8 * MIB));
            LabelReading r = store.read(t.dimm());
            assertEquals(List.of("b", "c"), r.labels().stream().map(NamespaceLabel::name).sorted().toList());
            assertTrue(r.label(a).isEmpty(), "the old label is gone with the same commit");
            assertThrows(IllegalArgumentException.class, () -> NamespaceSpec.raw(a, "x".repeat(64), 0, MIB));
            assertThrows(IllegalArgumentException.class, () -> NamespaceSpec.raw(a, "", 512, MIB));
            assertThrows(IllegalArgumentException.class, () -> NamespaceSpec.raw(a, "", 0, 1000));
            assertThrows(IllegalArgumentException.class, () -> NamespaceSpec.raw(new UUID(0, 0), "", 0, MIB));
        }
    }

    @Test
    void aFullAreaSaysSo() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(1024, 64 * 1024, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.init(t.dimm(), LabelVersion.V1_2, false); // 2 slots
            UUID a = UUID.randomUUID();
            store.create(t.dimm(), NamespaceSpec.raw(a, "", 0, MIB));
            refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", MIB, MIB)),
                    "full", "2 free slots", "1 of 2");
            store.update(t.dimm(), NamespaceSpec.raw(a, "renamed", 0, MIB)); // one free slot is enough
            assertEquals("renamed", store.read(t.dimm()).labels().get(0).name());
            UUID b = UUID.randomUUID();
            store.replace(t.dimm(), a, NamespaceSpec.raw(b, "replaced", 0, MIB)); // so for a replace
            assertEquals(b, store.read(t.dimm()).labels().get(0).uuid());
        }
    }

    @Test
    void aCorruptAreaIsReportedNotRepaired() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 64 * 1024, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            byte[] area = Areas.withNamespaces(131072, LabelVersion.V1_2, 2);
            LabelGeometry g = Areas.geometry(area, LabelVersion.V1_2);
            int slot = AreaParser.parse("x", area, null).reading().labels().get(1).slot();
            area[g.slotOffset(slot) + LabelCodec.NAME] ^= 0x20; // a flipped bit the label checksum catches
            store.write(t.dimm(), area);
            LabelReading r = store.read(t.dimm());
            assertEquals(1, r.labels().size());
            LabelProblem p = r.errors().get(0);
            assertEquals("slot " + slot, p.where());
            assertEquals("checksum", p.field());
            String msg = refused(t, () -> store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", 8 * MIB, MIB)),
                    "1 error", "slot " + slot + ": checksum", "ndctl:check-labels");
            refused(t, () -> store.delete(t.dimm(), Areas.uuid(0)), "1 error");
            assertEquals(List.of(p), store.check(t.dimm()));
            assertTrue(msg.length() < 400, msg);
        }
    }

    /** A torn write of the next index block leaves the area usable; the next update overwrites it. */
    @Test
    void aDamagedNextIndexIsAWarningAndTheNextUpdateRewritesIt() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 64 * 1024, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            byte[] area = Areas.withNamespaces(131072, LabelVersion.V1_1, 2);
            int next = 1 - Areas.current(area, LabelVersion.V1_1);
            area[next * 256 + 0x50] ^= 1;
            store.write(t.dimm(), area);
            List<LabelProblem> problems = store.check(t.dimm());
            assertEquals(1, problems.size());
            assertEquals(LabelProblem.Severity.WARNING, problems.get(0).severity());
            store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), "", 8 * MIB, MIB));
            assertEquals(List.of(), store.check(t.dimm()));
        }
    }

    /** Whoever else rewrote the area, an update starts from what is on media. */
    @Test
    void anUpdateSeesChangesMadeBehindItsBack() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 64 * 1024, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore mine = new ConfigDataLabelStore();
            ConfigDataLabelStore other = new ConfigDataLabelStore();
            mine.init(t.dimm(), LabelVersion.V1_1, false);
            mine.create(t.dimm(), NamespaceSpec.raw(Areas.uuid(100), "", 0, MIB));
            other.create(t.dimm(), NamespaceSpec.raw(Areas.uuid(101), "", MIB, MIB));
            NamespaceLabel third = mine.create(t.dimm(), NamespaceSpec.raw(Areas.uuid(102), "", 2 * MIB, MIB));
            LabelReading r = other.read(t.dimm());
            assertEquals(3, r.labels().size());
            assertEquals(List.of(), r.problems());
            assertTrue(r.label(Areas.uuid(102)).orElseThrow().equals(third));
        }
    }

    /** O(1) updates: the one label and the one index block are written, two index blocks read. */
    @Test
    void anUpdateTouchesOnlyItsLabelAndOneIndexBlock() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16 << 20, 64 * 1024, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.init(t.dimm(), LabelVersion.V1_2, false);
            for (int i = 0; i < 1000; i++) {
                store.create(t.dimm(), NamespaceSpec.raw(Areas.uuid(i), "", i * MIB / 2, MIB / 2));
            }
            t.card().resetCounts();
            store.create(t.dimm(), NamespaceSpec.raw(Areas.uuid(5000), "", 600 * MIB, MIB));
            assertEquals(6, t.card().writes(), "UPDATING label, index, its seq; final label, index, its seq");
            assertEquals(2 * 256 + 2 * (8448 + 8), t.card().bytesWritten());
            assertEquals(2 * 8448, t.card().bytesRead(), "both index blocks, to see nobody else wrote");
            t.card().resetCounts();
            store.update(t.dimm(), NamespaceSpec.raw(Areas.uuid(5000), "renamed", 600 * MIB, MIB));
            assertEquals(256 + 8448 + 8, t.card().bytesWritten());
            t.card().resetCounts();
            store.delete(t.dimm(), Areas.uuid(5000));
            assertEquals(8448 + 8, t.card().bytesWritten());
        }
    }

    /** A card that fails a write part-way through a create: the area reads as before or after it. */
    @Test
    void aFailedWriteLeavesBeforeOrAfter() throws Exception {
        for (int allowed = 0; allowed < 6; allowed++) {
            try (OneDimmBus t = OneDimmBus.blank(131072, 64 * 1024, Areas.COOKIE).disabled()) {
                ConfigDataLabelStore store = new ConfigDataLabelStore();
                store.init(t.dimm(), LabelVersion.V1_2, false);
                store.create(t.dimm(), NamespaceSpec.raw(Areas.uuid(1), "", 0, MIB));
                t.card().failWritesAfter(allowed);
                LabelException e = assertThrows(LabelException.class,
                        () -> store.create(t.dimm(), NamespaceSpec.raw(Areas.uuid(2), "", MIB, MIB)));
                assertTrue(e.getMessage().contains("media error"), e.getMessage());
                t.card().failWritesAfter(-1);
                LabelReading r = store.read(t.dimm());
                assertTrue(r.isValid(), r.problems().toString());
                int count = r.labels().size();
                assertTrue(count == 1 || count == 2 && r.label(Areas.uuid(2)).orElseThrow().updating(),
                        allowed + " writes: " + r.labels());
                // and the store goes on from what is on media
                store.update(t.dimm(), NamespaceSpec.raw(Areas.uuid(1), "after", 0, MIB));
                store.delete(t.dimm(), Areas.uuid(1));
                assertEquals(count - 1, store.read(t.dimm()).labels().size());
            }
        }
    }

    @Test
    void transfersAreSplitByMaxXfer() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16 << 20, 4096, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.init(t.dimm(), LabelVersion.V1_2, false); // the provider refuses anything over 4 KiB
            store.create(t.dimm(), NamespaceSpec.raw(Areas.uuid(1), "", 0, MIB));
            assertEquals(1, store.read(t.dimm()).labels().size());
            assertEquals(List.of(), store.check(t.dimm()));
        }
    }

    /** write-labels of a 16 MiB area: the caller's array goes down to the card, copied nowhere on the way. */
    @Test
    void aWholeAreaWriteMakesNoHeapCopy() throws Exception {
        int size = 16 << 20;
        try (OneDimmBus t = OneDimmBus.blank(size, 64 * 1024, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            byte[] area = Areas.withNamespaces(size, LabelVersion.V1_2, 3);
            store.write(t.dimm(), area); // warm up
            com.sun.management.ThreadMXBean threads =
                    (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
            long before = threads.getCurrentThreadAllocatedBytes();
            store.write(t.dimm(), area);
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            assertTrue(allocated < size / 16, "writing 16 MiB allocated " + allocated + " bytes");
            assertArrayEquals(area, t.card().snapshot());
        }
    }
}
