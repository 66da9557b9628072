package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.BlankLabelAreaException;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Random creates, destroys and reconfigures through the lifecycle on a {@link JournaledCard}. For
 * each, the label area and the region are rebuilt as a crash would leave them after every prefix
 * of that operation's persisted writes, and with the next write torn at every 8-byte boundary;
 * each such card must read, as Linux reads it (labels, then a probe of every namespace), as the
 * namespaces before or after the operation. A reconfigured namespace may read raw in between (its
 * old block cleared, its new one not yet whole): the one intermediate Linux's on-media format
 * leaves, since the old and the new info block share the 4 KiB at 4 KiB. Never may a label meet an
 * info block Linux takes with the wrong geometry, nor one it refuses. Every 97th point the whole
 * lifecycle is brought up on the crashed card and must list the same.
 *
 * <p>{@code -Docxlpmem.crash.operations=N} runs N operations (default 40).
 */
class LifecycleCrashTest {
    static final long MIB = 1L << 20;
    static final long REGION = 1L << 30;
    static final long COOKIE = 0x5eed_0000_1234L;
    static final int AREA = 128 << 10;
    static final int OPERATIONS = Integer.getInteger("ocxlpmem.crash.operations", 40);
    static long points;
    static long restarts;
    static final Map<String, Long> byOperation = new HashMap<>();

    @TempDir
    Path dir;

    /** A namespace as Linux reads it, whatever its number. */
    record Ns(String name, long dpa, long size, NamespaceMode mode, UUID shown, long listed, boolean enabled,
            String refusal) {
        Ns raw(UUID label) {
            return new Ns(name, dpa, size, NamespaceMode.RAW, label, size, true, null);
        }
    }

    enum Op { CREATE, DESTROY, RECONFIGURE }

    @AfterAll
    static void report() {
        System.out.printf("lifecycle crash consistency: %d crash points (%s) checked, %d of them through a restarted "
                + "lifecycle; all before or after%n", points, byOperation, restarts);
    }

    @Test
    void everyCrashPointReadsAsBeforeOrAfter() throws Exception {
        Random random = new Random(9);
        Path workFile = dir.resolve("work.img");
        try (RandomAccessFile f = new RandomAccessFile(workFile.toFile(), "rw")) {
            f.setLength(REGION);
        }
        try (JournaledCard live = new JournaledCard(dir, AREA, REGION, COOKIE);
                Mapping work = MmapMemory.provider().map(workFile, 0, REGION)) {
            live.region.disable();
            live.labels.init(live.dimm, LabelVersion.V1_2, true);
            live.region.enable();
            byte[] area = live.area.clone();
            try (OneDimmBus reader = new OneDimmBus(InMemoryDimm.inArray(area, 64 * 1024), COOKIE)) {
                Crash crash = new Crash(area, work, reader);
                int done = 0;
                while (done < OPERATIONS) {
                    List<NamespaceInfo> now = live.driver.namespaces().stream().filter(NamespaceInfo::configured)
                            .toList();
                    Op op = now.isEmpty() ? Op.CREATE : Op.values()[random.nextInt(3)];
                    Map<UUID, Ns> before = crash.read();
                    live.journal.clear();
                    UUID[] subject;
                    try {
                        subject = perform(live, op, now, random);
                    } catch (NamespaceException refused) {
                        assertTrue(live.journal.isEmpty(), "a refusal writes nothing: " + refused.getMessage());
                        continue; // no room for it: nothing happened
                    }
                    done++;
                    Map<UUID, Ns> after = expected(live.driver.namespaces());
                    assertAllocatorIsTheLabels(live, "operation " + done + " (" + op + ")");
                    List<Map<UUID, Ns>> between = new ArrayList<>();
                    if (op == Op.RECONFIGURE) {
                        // the reconfigured namespace, under its old label or its new one, between its info blocks
                        between.add(withRaw(before, subject[0]));
                        between.add(withRaw(after, subject[1]));
                    }
                    long n = crash.replay(List.copyOf(live.journal), before, after, between,
                            "operation " + done + " (" + op + ")");
                    byOperation.merge(op.name().toLowerCase(), n, Long::sum);
                    points += n;
                    assertArrayEquals(live.area, area, "the journal holds every label write");
                }
            }
        }
    }

    /**
     * Carries out a random operation: {old label uuid, new label uuid} of the namespace it is
     * about (null where there is none). A refusal (no room) is thrown.
     */
    private static UUID[] perform(JournaledCard live, Op op, List<NamespaceInfo> now, Random random)
            throws Exception {
        // sector is left out: a BTT's format is hundreds of stores, each a crash point read with a BTT check
        // (BttCrashConsistencyTest covers the BTT's own writes; a sector create writes it before its label)
        NamespaceMode[] modes = {NamespaceMode.RAW, NamespaceMode.FSDAX, NamespaceMode.DEVDAX};
        switch (op) {
            case CREATE -> {
                NamespaceOptions o = NamespaceOptions.none().withMode(modes[random.nextInt(modes.length)])
                        .withSize((16L << 20) * (1 + random.nextInt(4))).withName("ns" + random.nextInt(100));
                return new UUID[] {null, live.driver.create("region0", o).labelUuid()};
            }
            case DESTROY -> {
                NamespaceInfo victim = now.get(random.nextInt(now.size()));
                live.driver.destroy(victim.dev(), true);
                return new UUID[] {victim.labelUuid(), null};
            }
            default -> {
                NamespaceInfo target = now.get(random.nextInt(now.size()));
                NamespaceOptions o = NamespaceOptions.none().withMode(modes[random.nextInt(modes.length)]).forced();
                int variant = random.nextInt(4);
                if (variant == 0) {
                    o = o.withSize((16L << 20) * (1 + random.nextInt(4)));
                } else if (variant == 1) {
                    // a uuid of the caller's, and another size
                    o = o.withUuid(new UUID(random.nextLong() | 1, random.nextLong()))
                            .withSize((16L << 20) * (1 + random.nextInt(4)));
                } else if (variant == 2) {
                    o = o.withName("renamed" + random.nextInt(100));
                }
                return new UUID[] {target.labelUuid(), live.driver.reconfigure(target.dev(), o).labelUuid()};
            }
        }
    }

    /** The lifecycle's DPA allocations are exactly the labels' ranges: what the next create is placed by. */
    private static void assertAllocatorIsTheLabels(JournaledCard live, String where) throws Exception {
        Map<Long, Long> allocated = new TreeMap<>();
        for (DpaResources.Extent e : live.driver.attached(0).model().extents()) {
            allocated.put(e.start(), e.size());
        }
        Map<Long, Long> labeled = new TreeMap<>();
        for (var l : live.labels.read(live.dimm).labels()) {
            labeled.put(l.dpa(), l.rawSize());
        }
        assertEquals(labeled, allocated, where + ": the allocator and the labels");
    }

    /** {@code state} with the namespace of label {@code label} reading raw. */
    private static Map<UUID, Ns> withRaw(Map<UUID, Ns> state, UUID label) {
        Map<UUID, Ns> m = new HashMap<>(state);
        m.put(label, state.get(label).raw(label));
        return m;
    }

    /**
     * Without labels: the one namespace reconfigured from mode to mode, then (ndctl's autolabel)
     * given version 1.2 labels. Between its info blocks it reads raw. The autolabel has a second
     * intermediate, as ndctl's own has: the fresh label area is written before the namespace's
     * label, and a crash between the two reads as a labeled region with no namespace (its data,
     * whose info block is already written, is found again by creating the same namespace).
     */
    @Test
    void aLabelLessNamespaceReconfiguredAndGivenLabels() throws Exception {
        Path workFile = dir.resolve("work.img");
        try (RandomAccessFile f = new RandomAccessFile(workFile.toFile(), "rw")) {
            f.setLength(REGION);
        }
        try (JournaledCard live = new JournaledCard(dir, AREA, REGION, COOKIE);
                Mapping work = MmapMemory.provider().map(workFile, 0, REGION)) {
            byte[] area = live.area.clone();
            try (OneDimmBus reader = new OneDimmBus(InMemoryDimm.inArray(area, 64 * 1024), COOKIE)) {
                Crash crash = new Crash(area, work, reader);
                Map<UUID, Ns> rawLabelLess = Map.of(); // filled from the first read
                NamespaceMode[] modes = {NamespaceMode.FSDAX, NamespaceMode.DEVDAX, NamespaceMode.RAW, NamespaceMode.FSDAX,
                    NamespaceMode.FSDAX};
                for (int i = 0; i < modes.length; i++) {
                    boolean autolabel = i == modes.length - 1;
                    Map<UUID, Ns> before = crash.read();
                    if (i == 0) {
                        rawLabelLess = before;
                    }
                    live.journal.clear();
                    NamespaceOptions o = NamespaceOptions.none().withMode(modes[i]).forced();
                    live.driver.reconfigure("namespace0.0", autolabel ? o : o.withoutAutolabel());
                    Map<UUID, Ns> after = expected(live.driver.namespaces());
                    List<Map<UUID, Ns>> between = new ArrayList<>(List.of(rawLabelLess));
                    if (autolabel) {
                        between.add(Map.of()); // labels, no namespace yet
                        between.add(withRaw(after, after.keySet().iterator().next()));
                    }
                    long n = crash.replay(List.copyOf(live.journal), before, after, between, "label-less "
                            + (autolabel ? "autolabel " : "") + modes[i]);
                    byOperation.merge(autolabel ? "autolabel" : "label-less reconfigure", n, Long::sum);
                    points += n;
                }
                assertEquals(LabelVersion.V1_2, live.labels.read(live.dimm).version());
            }
        }
    }

    /** The lifecycle's listing, as the crash reader summarizes a card. */
    private static Map<UUID, Ns> expected(List<NamespaceInfo> infos) {
        Map<UUID, Ns> m = new HashMap<>();
        for (NamespaceInfo i : infos) {
            if (i.configured()) {
                NamespaceListing l = i.listing();
                m.put(i.labelUuid(), new Ns(l.name(), i.dpa(), i.rawSize(), l.mode(), l.uuid(), l.size(), l.enabled(),
                        null));
            }
        }
        return m;
    }

    /** Crashed cards, rebuilt write by write from the journal in the work images, and read as Linux reads them. */
    private static final class Crash {
        final byte[] area;
        final Mapping work;
        final OneDimmBus reader;
        final LabelStore store = ConfigDataLabels.store();
        final RegionScan.Region facts = new RegionScan.Region(0, 0, REGION, 16 * MIB, COOKIE, COOKIE, 0);
        private LabelReading labels;
        /** What {@code labels} is while the area has no valid index block. */
        private static final LabelReading BLANK = new LabelReading("", 0, null, List.of(), 0, 0, 0, List.of(),
                List.of());

        /** @param area the work label area, which {@code reader}'s DIMM answers from */
        Crash(byte[] area, Mapping work, OneDimmBus reader) {
            this.area = area;
            this.work = work;
            this.reader = reader;
        }

        /** The namespaces of the work card, by label uuid; its labels are read again only after a label write. */
        Map<UUID, Ns> read() throws Exception {
            if (labels == null) {
                try {
                    labels = store.read(reader.dimm());
                    assertTrue(labels.isValid(), labels.errors().toString());
                } catch (BlankLabelAreaException blank) {
                    labels = BLANK; // label-less; any other area without an index would keep the region disabled
                }
            }
            EnabledRegion region = EnabledRegion.enable(facts, labels == BLANK ? List.of() : labels.labels(),
                    labels == BLANK ? null : labels.version(),
                    ns -> Claim.probe(ns, work.slice(ns.dpa(), ns.size()), new BttProbe(ImageCard.BTT),
                            PfnPlatform.X86_64), PfnPlatform.X86_64);
            Map<UUID, Ns> m = new HashMap<>();
            for (NamespaceState s : region.namespaces()) {
                if (s.ns().size() > 0) {
                    NamespaceListing l = s.listing(0);
                    m.put(s.ns().labelUuid(), new Ns(l.name(), s.ns().dpa(), s.ns().size(), l.mode(), l.uuid(),
                            l.size(), l.enabled(), s.claim().refusal()));
                }
            }
            return m;
        }

        /** The first {@code length} bytes of a write reach the media. */
        private void apply(JournaledCard.Write w, int from, int to) {
            if (w.label()) {
                System.arraycopy(w.data(), from, area, (int) w.offset() + from, to - from);
                labels = null;
            } else {
                work.put(w.offset() + from, w.data(), from, to - from);
            }
        }

        /** Every crash point of the journal; returns how many. The work card ends as the live one. */
        long replay(List<JournaledCard.Write> journal, Map<UUID, Ns> before, Map<UUID, Ns> after,
                List<Map<UUID, Ns>> between, String what) throws Exception {
            long n = 0;
            for (int k = 0; ; k++) {
                Map<UUID, Ns> state = read();
                String where = what + ", after " + k + " of " + journal.size() + " writes";
                check(state, before, after, between, where);
                if (++n % 97 == 0) {
                    restarted(state, where);
                }
                if (k == journal.size()) {
                    assertEquals(after, state, what + ": all written reads as after");
                    return n;
                }
                JournaledCard.Write w = journal.get(k);
                for (int torn = 8; torn < w.data().length; torn += 8) {
                    apply(w, torn - 8, torn);
                    state = read();
                    where = what + ", write " + k + " (" + (w.label() ? "label area" : "region") + " at 0x"
                            + Long.toHexString(w.offset()) + ") torn after " + torn + " bytes";
                    check(state, before, after, between, where);
                    if (++n % 97 == 0) {
                        restarted(state, where);
                    }
                }
                apply(w, Math.max(0, w.data().length - (w.data().length % 8 == 0 ? 8 : w.data().length % 8)),
                        w.data().length);
            }
        }

        private static void check(Map<UUID, Ns> state, Map<UUID, Ns> before, Map<UUID, Ns> after,
                List<Map<UUID, Ns>> between, String where) {
            for (Ns ns : state.values()) {
                if (ns.refusal() != null) {
                    fail(where + ": Linux would refuse " + ns + ": " + ns.refusal());
                }
            }
            if (state.equals(before) || state.equals(after) || between.contains(state)) {
                return;
            }
            fail(where + ": neither before nor after:\n  read   " + state + "\n  before " + before + "\n  after  "
                    + after);
        }

        /** The whole lifecycle brought up on the crashed card lists what Linux reads. */
        private void restarted(Map<UUID, Ns> state, String where) throws Exception {
            NvdimmCore core = LibNvdimm.core();
            NamespaceDriver driver = new NamespaceDriver(ConfigDataLabels.store(), ImageCard.BTT, e -> { }, new BttProbe(ImageCard.BTT));
            core.addRegionDriver(driver);
            BusRegistration bus = core.register(new BusDescriptor("ocxlpmem", Set.of()),
                    InMemoryDimm.inArray(area.clone(), 64 * 1024));
            try {
                var dimm = bus.createDimm(new DimmDescriptor("0x1014-restart", Set.of(DimmFlag.LABELING),
                        OneDimmBus.CONFIG_COMMANDS, List.of())).dimm();
                bus.createRegion(new RegionDescriptor(0, work, List.of(new RegionMapping(dimm, 0, REGION, 0)),
                        new InterleaveSet(COOKIE, COOKIE), RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));
                Map<UUID, Ns> listed = expected(driver.namespaces());
                Map<UUID, Ns> read = new HashMap<>();
                state.forEach((k, v) -> read.put(k, new Ns(v.name(), v.dpa(), v.size(), v.mode(), v.shown(), v.listed(),
                        v.enabled(), null)));
                assertEquals(read, listed, where + ": the restarted lifecycle lists what Linux reads");
                restarts++;
            } finally {
                bus.unregister();
            }
        }
    }
}
