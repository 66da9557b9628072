package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Random create / rename / replace / delete transactions on a DIMM whose provider records every persisted
 * write. For each transaction, the area is rebuilt as a crash would leave it after every prefix of
 * that transaction's writes, and with the next write torn at every 8-byte boundary; each such
 * area must read, without errors, as the namespaces before or after the transaction.
 */
class CrashConsistencyTest {
    static final long MIB = 1L << 20;
    /** The region is cut into cells, so that random namespaces rarely overlap by construction. */
    static final long CELL = 4 * MIB;
    static final AtomicLong TOTAL = new AtomicLong();
    static final AtomicLong TRANSACTIONS = new AtomicLong();

    /** What a namespace is, for the purpose of "before or after": flags are compared separately. */
    record Ns(String name, long dpa, long size) {
    }

    enum Op { CREATE, RENAME, REPLACE, DELETE }

    @AfterAll
    static void report() {
        System.out.printf("crash consistency: %d crash points checked over %d transactions, all before-or-after%n",
                TOTAL.get(), TRANSACTIONS.get());
    }

    @ParameterizedTest(name = "{0} bytes, version {1}, max_xfer {2}, {3} transactions, {4} namespaces first")
    @CsvSource({
        "131072, V1_1, 65536, 1500, 0",
        "131072, V1_2, 128, 1500, 0",
        "16777216, V1_2, 65536, 12, 300",
    })
    void everyCrashPointReadsAsBeforeOrAfter(int size, LabelVersion version, int maxXfer, int transactions,
            int prefill) throws Exception {
        Random random = new Random(size + 7L * version.ordinal() + maxXfer);
        LabelGeometry g = LabelGeometry.of(size, version);
        RegionInfo region = new RegionInfo("region0", true, Areas.COOKIE, Areas.COOKIE, 0, OneDimmBus.REGION_SIZE, 1, 0);
        // namespaces go to cells in the region's first half; the prefilled ones to its second half
        int cap = Math.min((int) (OneDimmBus.REGION_SIZE / (prefill > 0 ? 2 : 1) / CELL), g.nslot() / 2);
        long points = 0;
        long[] outcomes = new long[2];
        try (OneDimmBus t = OneDimmBus.blank(size, maxXfer, Areas.COOKIE).disabled();
                OneDimmBus reader = OneDimmBus.blank(size, 64 * 1024, Areas.COOKIE)) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.init(t.dimm(), version, false);
            Map<UUID, Ns> model = new HashMap<>();
            Map<Long, UUID> cells = new HashMap<>();
            List<UUID> live = new ArrayList<>();
            for (int i = 0; i < prefill; i++) {
                UUID u = new UUID(random.nextLong(), random.nextLong());
                long dpa = OneDimmBus.REGION_SIZE / 2 + i * MIB;
                store.create(t.dimm(), NamespaceSpec.raw(u, "pre" + i, dpa, MIB));
                model.put(u, new Ns("pre" + i, dpa, MIB));
            }
            t.card().record();
            byte[] image = t.card().snapshot();

            for (int n = 0; n < transactions; n++) {
                Op op = live.isEmpty() ? Op.CREATE : pick(random, live.size() >= cap);
                Map<UUID, Ns> before = new HashMap<>(model);
                UUID subject;
                t.card().log().clear();
                switch (op) {
                    case CREATE -> {
                        subject = new UUID(random.nextLong(), random.nextLong());
                        long cell;
                        do {
                            cell = random.nextInt(cap);
                        } while (cells.containsKey(cell));
                        long dpa = cell * CELL;
                        long len = (1 + random.nextInt((int) (CELL / 4096))) * 4096L;
                        String name = name(random);
                        store.create(t.dimm(), NamespaceSpec.raw(subject, name, dpa, len));
                        model.put(subject, new Ns(name, dpa, len));
                        cells.put(cell, subject);
                        live.add(subject);
                    }
                    case RENAME -> {
                        subject = live.get(random.nextInt(live.size()));
                        Ns old = model.get(subject);
                        String name = name(random);
                        store.update(t.dimm(), NamespaceSpec.raw(subject, name, old.dpa(), old.size()));
                        model.put(subject, new Ns(name, old.dpa(), old.size()));
                    }
                    case REPLACE -> {
                        // a reconfigure: the label gets a new uuid, and may grow or shrink in its cell
                        UUID old = live.remove(random.nextInt(live.size()));
                        Ns was = model.remove(old);
                        subject = new UUID(random.nextLong(), random.nextLong());
                        long len = (1 + random.nextInt((int) (CELL / 4096))) * 4096L;
                        String name = name(random);
                        store.replace(t.dimm(), old, NamespaceSpec.raw(subject, name, was.dpa(), len));
                        model.put(subject, new Ns(name, was.dpa(), len));
                        cells.put(was.dpa() / CELL, subject);
                        live.add(subject);
                    }
                    default -> {
                        subject = live.remove(random.nextInt(live.size()));
                        Ns old = model.remove(subject);
                        store.delete(t.dimm(), subject);
                        cells.remove(old.dpa() / CELL);
                    }
                }
                List<InMemoryDimm.Write> writes = List.copyOf(t.card().log());
                byte[] work = image.clone();
                for (int k = 0; k <= writes.size(); k++) {
                    // the crash came after k whole writes ...
                    outcomes[verify(work, region, before, model, op, subject, n, k, -1)]++;
                    points++;
                    if (k == writes.size()) {
                        break;
                    }
                    // ... or during write k, which reached the media up to an 8-byte boundary
                    InMemoryDimm.Write w = writes.get(k);
                    int off = (int) w.offset();
                    byte[] saved = new byte[w.data().length];
                    System.arraycopy(work, off, saved, 0, saved.length);
                    for (int torn = 8; torn < w.data().length; torn += 8) {
                        System.arraycopy(w.data(), torn - 8, work, off + torn - 8, 8);
                        outcomes[verify(work, region, before, model, op, subject, n, k, torn)]++;
                        points++;
                        if (points % 211 == 0) {
                            throughTheBus(reader, work, before, model);
                        }
                    }
                    System.arraycopy(w.data(), 0, work, off, w.data().length);
                }
                assertArrayEquals(t.card().snapshot(), work, "the recorded writes are all the writes");
                image = work;
            }
            LabelReading end = new ConfigDataLabelStore().read(t.dimm());
            assertEquals(model, state(end));
        }
        assertTrue(outcomes[0] > 0 && outcomes[1] > 0);
        TOTAL.addAndGet(points);
        TRANSACTIONS.addAndGet(transactions);
        System.out.printf("crash consistency %d bytes v%s max_xfer %d: %d transactions, %d crash points "
                + "(%d read as before, %d as after)%n", size, version, maxXfer, transactions, points, outcomes[0],
                outcomes[1]);
    }

    private static Op pick(Random random, boolean full) {
        int r = random.nextInt(100);
        if (full) {
            return r < 35 ? Op.RENAME : r < 60 ? Op.REPLACE : Op.DELETE;
        }
        return r < 45 ? Op.CREATE : r < 65 ? Op.RENAME : r < 78 ? Op.REPLACE : Op.DELETE;
    }

    private static String name(Random random) {
        String[] names = {"", "a", "myname", "données", "namespace-with-a-much-longer-name-0123456789", "ns"};
        return names[random.nextInt(names.length)] + (random.nextBoolean() ? "" : Integer.toString(random.nextInt(1000)));
    }

    /** @return 0 when the area reads as before the transaction, 1 as after */
    private static int verify(byte[] area, RegionInfo region, Map<UUID, Ns> before, Map<UUID, Ns> after, Op op,
            UUID subject, int n, int k, int torn) {
        String at = "transaction " + n + " (" + op + " " + subject + "), after " + k + " writes"
                + (torn < 0 ? "" : " and " + torn + " bytes of the next");
        ParsedArea p = AreaParser.parse("nmem0", area, region);
        assertNotNull(p.reading(), () -> at + ": unreadable: " + p.problems());
        assertTrue(p.reading().isValid(), () -> at + ": " + p.reading().errors() + " current " + p.reading().current()
                + " " + p.reading().indexBlocks());
        for (NamespaceLabel l : p.reading().labels()) {
            if (l.updating() && !(op == Op.CREATE && l.uuid().equals(subject))) {
                fail(at + ": only the namespace being created may be UPDATING, not " + l);
            }
        }
        Map<UUID, Ns> found = state(p.reading());
        if (found.equals(before)) {
            return 0;
        }
        if (found.equals(after)) {
            return 1;
        }
        fail(at + ": a mix: " + found.size() + " namespaces, neither the " + before.size() + " before nor the "
                + after.size() + " after");
        return -1;
    }

    private static void throughTheBus(OneDimmBus reader, byte[] area, Map<UUID, Ns> before, Map<UUID, Ns> after)
            throws Exception {
        reader.card().replace(area);
        Map<UUID, Ns> found = state(new ConfigDataLabelStore().read(reader.dimm()));
        assertTrue(found.equals(before) || found.equals(after));
    }

    static Map<UUID, Ns> state(LabelReading r) {
        Map<UUID, Ns> m = new HashMap<>();
        for (NamespaceLabel l : r.labels()) {
            m.put(l.uuid(), new Ns(l.name(), l.dpa(), l.rawSize()));
        }
        return m;
    }
}
