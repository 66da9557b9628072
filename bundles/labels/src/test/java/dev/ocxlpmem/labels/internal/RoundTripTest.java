package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Both versions at 128 KiB, 256 KiB and 16 MiB: initialise, fill with namespaces (to the last slot
 * where that is quick), rename and delete some, and read everything back through a cold store,
 * then through a second DIMM the raw bytes were copied to.
 */
class RoundTripTest {
    static final long COOKIE = 0x0123_4567_89ab_cdefL;

    @ParameterizedTest(name = "{0} bytes, version {1}, {2} namespaces")
    @CsvSource({
        "131072, V1_1, -1",
        "131072, V1_2, -1",
        "262144, V1_1, -1",
        "262144, V1_2, -1",
        "16777216, V1_2, -1",
        "16777216, V1_1, 20000",
    })
    void roundTrip(int size, LabelVersion version, int count) throws Exception {
        LabelGeometry g = LabelGeometry.of(size, version);
        // a create needs two free slots, so a full area holds nslot - 1 namespaces
        int n = count < 0 ? g.nslot() - 1 : count;
        Random random = new Random(size * 31L + version.ordinal());
        Map<UUID, NamespaceSpec> model = new LinkedHashMap<>();
        byte[] bytes;
        try (OneDimmBus t = OneDimmBus.blank(size, 64 * 1024, COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.init(t.dimm(), version, false);
            LabelReading fresh = store.read(t.dimm());
            assertEquals(g.nslot(), fresh.nslot());
            assertEquals(g.nslot(), fresh.freeSlots());
            assertEquals(List.of(), fresh.problems());

            for (int i = 0; i < n; i++) {
                NamespaceSpec spec = NamespaceSpec.raw(new UUID(random.nextLong(), random.nextLong()), "ns" + i,
                        (long) i * 4096, 4096);
                NamespaceLabel l = store.create(t.dimm(), spec);
                assertEquals(0, l.flags());
                model.put(spec.uuid(), spec);
            }
            if (count < 0) {
                NamespaceSpec more = NamespaceSpec.raw(UUID.randomUUID(), "", (long) n * 4096, 4096);
                LabelException full = assertThrows(LabelException.class, () -> store.create(t.dimm(), more));
                assertTrue(full.getMessage().contains("full"), full.getMessage());
            }
            List<UUID> uuids = new ArrayList<>(model.keySet());
            for (int i = 0; i < Math.min(50, n / 3); i++) {
                UUID u = uuids.get(random.nextInt(uuids.size()));
                if (!model.containsKey(u)) {
                    continue;
                }
                if (random.nextBoolean()) {
                    NamespaceSpec renamed = model.get(u).withName("renamed-" + i);
                    store.update(t.dimm(), renamed);
                    model.put(u, renamed);
                } else {
                    store.delete(t.dimm(), u);
                    model.remove(u);
                }
            }
            bytes = store.readArea(t.dimm());
            LabelReading cold = new ConfigDataLabelStore().read(t.dimm());
            assertModel(model, cold, version);
        }
        try (OneDimmBus copy = OneDimmBus.blank(size, 64 * 1024, COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.write(copy.dimm(), bytes);
            assertArrayEquals(bytes, store.readArea(copy.dimm()));
            assertModel(model, store.read(copy.dimm()), version);
            assertEquals(List.of(), store.check(copy.dimm()));
        }
    }

    static void assertModel(Map<UUID, NamespaceSpec> model, LabelReading r, LabelVersion version) {
        assertEquals(List.of(), r.problems());
        assertEquals(version, r.version());
        assertEquals(model.size(), r.labels().size());
        assertEquals(r.nslot() - model.size(), r.freeSlots());
        for (NamespaceLabel l : r.labels()) {
            NamespaceSpec s = model.get(l.uuid());
            assertEquals(s.name(), l.name());
            assertEquals(s.dpa(), l.dpa());
            assertEquals(s.rawSize(), l.rawSize());
            assertEquals(512, l.lbaSize());
            assertEquals(COOKIE, l.isetCookie());
            assertEquals(0, l.flags());
            assertEquals(1, l.nlabel());
            if (version == LabelVersion.V1_2) {
                assertEquals(NamespaceLabel.PMEM_TYPE_GUID, l.typeGuid());
            }
        }
    }
}
