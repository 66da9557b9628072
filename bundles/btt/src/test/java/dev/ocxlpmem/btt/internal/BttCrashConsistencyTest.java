package dev.ocxlpmem.btt.internal;

import static dev.ocxlpmem.btt.internal.BttFiles.BTT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttProblem;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/**
 * Random sector writes by several threads (each its own lane) on a BTT whose mapping records every
 * store and persist, in the manner of the labels' CrashConsistencyTest. The namespace is then
 * rebuilt as a crash would leave it at every point of that record: after each store, with each
 * store torn at every 8-byte boundary, and with each store not yet persisted at that point left
 * out. Each such namespace must open (with the recovery Linux runs at enable), check clean, and
 * read every sector as it was before or after the write under way: an acknowledged write is
 * never lost, no sector is ever a mix.
 *
 * <p>{@code -Dbtt.heavy=true} runs thousands of writes with more threads.
 */
class BttCrashConsistencyTest {
    static final boolean HEAVY = Boolean.getBoolean("btt.heavy");
    static final long MIB = 1L << 20;
    static final UUID UUID_ = UUID.fromString("21d10123-ad56-4381-a402-6d8ac1f6a733");
    static final UUID PARENT = UUID.fromString("115bb4a5-ea41-4664-8904-e132b66f8585");
    static final AtomicLong TOTAL = new AtomicLong();
    static final AtomicLong WRITES = new AtomicLong();

    @TempDir(factory = BttFiles.Shm.class)
    Path dir;

    /** Cache line size: the unit in which stores reach the media in order. */
    static final int LINE = 64;

    record Op(int id, long lba, int version) {
    }

    @AfterAll
    static void report() {
        System.out.printf("BTT crash consistency: %d crash points checked over %d sector writes, every sector old or "
                + "new%n", TOTAL.get(), WRITES.get());
    }

    @ParameterizedTest(name = "{0}-byte sectors, {1} threads, {2} writes each, {3} sectors each")
    @CsvSource({"512, 2, 70, 24", "4096, 3, 8, 6"})
    void everyCrashPointReadsOldOrNew(int lbaSize, int threads, int writesEach, int sectorsEach) throws Exception {
        if (HEAVY) {
            threads = 4;
            writesEach *= lbaSize == 512 ? 15 : 40;
        }
        long size = 16 * MIB;
        Path liveFile = dir.resolve("live.img");
        try (Mapping live = BttFiles.namespace(dir, "live.img", size)) {
            BTT.format(live, new BttSpec(UUID_, PARENT, lbaSize, BttVersion.V2_0)).close();
        }
        Files.copy(liveFile, dir.resolve("work.img"));
        try (Mapping live = BttFiles.map(liveFile, 0, size); Mapping work = BttFiles.map(dir.resolve("work.img"), 0,
                size)) {
            RecordingMapping recorder = new RecordingMapping(live);
            List<Op> ops = run(recorder, threads, writesEach, sectorsEach, lbaSize);
            List<RecordingMapping.Event> events = recorder.events();
            Replay replay = new Replay(work, ops, events, true);
            long points = replay.everyPoint();
            assertArrayEquals(BttFiles.bytes(live, 0, (int) size), BttFiles.bytes(work, 0, (int) size),
                    "the recorded stores are all the stores");
            TOTAL.addAndGet(points);
            WRITES.addAndGet(ops.size());
            System.out.printf("BTT crash consistency, %d-byte sectors: %d writes by %d threads, %d stores, %d crash "
                    + "points (%d torn, %d with an unpersisted store left out; %d needed recovery)%n", lbaSize,
                    ops.size(), threads, replay.stores, points, replay.torn, replay.dropped, replay.recovered);
        }
    }

    /**
     * The replay finds torn sectors when there are some: were the log entry's second half to reach
     * the media without its first (stores to one cache line out of order, which the BTT's single
     * log persist rules out), a crash would name another sector's block, and this is caught.
     */
    @org.junit.jupiter.api.Test
    void aLogEntryHalfLostOnItsOwnWouldBeCaught() throws Exception {
        long size = 16 * MIB;
        try (Mapping live = BttFiles.namespace(dir, "live.img", size)) {
            BTT.format(live, new BttSpec(UUID_, PARENT, 512, BttVersion.V2_0)).close();
        }
        Files.copy(dir.resolve("live.img"), dir.resolve("work.img"));
        try (Mapping live = BttFiles.map(dir.resolve("live.img"), 0, size); Mapping work = BttFiles.map(
                dir.resolve("work.img"), 0, size)) {
            RecordingMapping recorder = new RecordingMapping(live);
            List<Op> ops = run(recorder, 1, 3, 2, 512);
            Replay replay = new Replay(work, ops, recorder.events(), false);
            AssertionError e = org.junit.jupiter.api.Assertions.assertThrows(AssertionError.class, replay::everyPoint);
            assertTrue(e.getMessage().contains("without unpersisted store(s) [2]"), e.getMessage());
        }
    }

    /** The recorded run: each thread rewrites its own sectors, neighbours of the other threads' ones. */
    static List<Op> run(RecordingMapping recorder, int threads, int writesEach, int sectorsEach, int lbaSize)
            throws Exception {
        List<Op> ops = new ArrayList<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (Btt btt = BTT.open(recorder, PARENT, BttVersion.V2_0)) {
            recorder.clear();
            int ss = btt.sectorSize();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> list = new ArrayList<>();
            List<List<Op>> perThread = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int me = t;
                List<Op> mine = new ArrayList<>();
                perThread.add(mine);
                list.add(new Thread(() -> {
                    Random random = new Random(lbaSize * 31L + me);
                    int[] versions = new int[sectorsEach];
                    try {
                        start.await();
                        for (int i = 0; i < writesEach; i++) {
                            int k = random.nextInt(sectorsEach);
                            long lba = 100 + (long) k * threads + me;
                            Op op = new Op(me * 1_000_000 + i, lba, ++versions[k]);
                            recorder.tag(op.id());
                            btt.write(lba, content(lba, op.version(), ss), 0, ss);
                            recorder.tag(-1);
                            mine.add(op);
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }));
            }
            list.forEach(Thread::start);
            start.countDown();
            for (Thread t : list) {
                t.join();
            }
            perThread.forEach(ops::addAll);
        }
        recorder.stop();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
        return ops;
    }

    static byte[] content(long lba, int version, int size) {
        return version == 0 ? new byte[size] : BttReadWriteTest.pattern(lba, version, size);
    }

    static long hash(byte[] b) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long h = 0xcbf29ce484222325L;
        while (buf.remaining() >= 8) {
            h = (h ^ buf.getLong()) * 0x100000001b3L;
        }
        return h;
    }

    /** The work namespace walked through every crash point of the record. */
    static final class Replay {
        final Mapping work;
        final List<RecordingMapping.Event> events;
        final Map<Long, List<Op>> byLba = new HashMap<>();
        final Map<Integer, int[]> span = new HashMap<>(); // op id -> {first event, last event}
        final Map<Long, int[][]> writes = new HashMap<>(); // lba -> its writes' {version, first, last event}
        final List<Long> hot;
        /** Arena 0's data area: where its blocks are, absolute, how many, how long. */
        final long dataOff;
        final int internalNlba;
        final int internalLbaSize;
        final int sectorSize;
        final long[] blockHash;
        final long zeroHash;
        final Map<Long, Long> expectedHash = new HashMap<>();
        final Random random = new Random(5);
        final boolean sameLineOrder;
        /** Sectors the run wrote; the others must read as zeros throughout. */
        boolean[] written;
        long stores;
        long recovered;
        long torn;
        long dropped;

        Replay(Mapping work, List<Op> ops, List<RecordingMapping.Event> events, boolean sameLineOrder)
                throws BttException {
            this.work = work;
            this.events = events;
            this.sameLineOrder = sameLineOrder;
            for (Op op : ops) {
                byLba.computeIfAbsent(op.lba(), l -> new ArrayList<>()).add(op);
            }
            byLba.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.version(), b.version())));
            for (int i = 0; i < events.size(); i++) {
                int tag = events.get(i).tag();
                assertTrue(tag >= 0, "every store belongs to a write");
                int at = i;
                span.computeIfAbsent(tag, t -> new int[] {at, at})[1] = i;
            }
            for (Map.Entry<Long, List<Op>> e : byLba.entrySet()) {
                List<int[]> list = new ArrayList<>();
                for (Op op : e.getValue()) {
                    int[] sp = span.get(op.id());
                    list.add(new int[] {op.version(), sp[0], sp[1]});
                }
                writes.put(e.getKey(), list.toArray(new int[0][]));
            }
            hot = new ArrayList<>(byLba.keySet());
            written = new boolean[(int) (hot.stream().mapToLong(Long::longValue).max().orElse(0) + 1)];
            hot.forEach(lba -> written[(int) (long) lba] = true);
            BttInfo arena = BTT.read(work, PARENT, BttVersion.V2_0).arenas().get(0);
            dataOff = arena.offset() + arena.dataOff();
            internalNlba = (int) arena.internalNlba();
            internalLbaSize = (int) arena.internalLbaSize();
            sectorSize = BttSpec.sectorSize(arena.externalLbaSize());
            blockHash = new long[internalNlba];
            for (int b = 0; b < blockHash.length; b++) {
                rehash(b);
            }
            zeroHash = hash(new byte[sectorSize]);
        }

        long everyPoint() throws Exception {
            long points = verify(0, () -> "before any write");
            Set<Integer> unpersisted = new LinkedHashSet<>();
            for (int p = 0; p < events.size(); p++) {
                RecordingMapping.Event e = events.get(p);
                if (!e.isStore()) {
                    unpersisted.removeIf(i -> persists(e, events.get(i)));
                    continue;
                }
                stores++;
                for (int t = 8; t < e.length(); t += 8) {
                    apply(e.offset() + t - 8, e.data(), t - 8, 8);
                    int store = p;
                    int bytes = t;
                    points += verify(p, () -> "store " + store + " torn after " + bytes + " bytes");
                    torn++;
                }
                int done = e.length() > 8 ? (e.length() - 1) / 8 * 8 : 0;
                apply(e.offset() + done, e.data(), done, e.length() - done);
                unpersisted.add(p);
                int store = p;
                points += verify(p + 1, () -> "after store " + store);
                for (int i : unpersisted) {
                    List<Integer> lost = lostWith(i, p, unpersisted);
                    if (lost == null) {
                        continue;
                    }
                    for (int k = lost.size() - 1; k >= 0; k--) {
                        RecordingMapping.Event left = events.get(lost.get(k));
                        apply(left.offset(), left.before(), 0, left.length());
                    }
                    points += verify(p + 1, () -> "after store " + store + " without unpersisted store(s) " + lost);
                    dropped++;
                    for (int k : lost) {
                        RecordingMapping.Event left = events.get(k);
                        apply(left.offset(), left.data(), 0, left.length());
                    }
                }
            }
            return points;
        }

        /**
         * A persist makes durable every store that lies in the cache lines it covers (a line is
         * written back whole); on a file's page cache a page is, which covers more.
         */
        static boolean persists(RecordingMapping.Event persist, RecordingMapping.Event store) {
            long from = persist.offset() / LINE * LINE;
            long to = (persist.offset() + persist.length() + LINE - 1) / LINE * LINE;
            return from <= store.offset() && store.offset() + store.length() <= to;
        }

        /**
         * The stores a crash may lose together with unpersisted store {@code i}: with
         * {@code sameLineOrder}, the same thread's later stores to the same cache line (stores to
         * one line reach the media in program order, so none of them is there without {@code i}).
         * Null when a later store overwrote some of them (that state cannot be rebuilt here).
         */
        private List<Integer> lostWith(int i, int p, Set<Integer> unpersisted) {
            RecordingMapping.Event a = events.get(i);
            List<Integer> lost = new ArrayList<>(List.of(i));
            boolean oneLine = a.offset() / LINE == (a.offset() + a.length() - 1) / LINE;
            for (int j = i + 1; j <= p; j++) {
                RecordingMapping.Event b = events.get(j);
                if (!b.isStore()) {
                    continue;
                }
                if (sameLineOrder && oneLine && unpersisted.contains(j) && b.thread() == a.thread()
                        && b.offset() / LINE == a.offset() / LINE && (b.offset() + b.length() - 1) / LINE == a.offset()
                        / LINE) {
                    lost.add(j);
                } else if (overlaps(a, b)) {
                    return null;
                }
            }
            return lost;
        }

        private static boolean overlaps(RecordingMapping.Event a, RecordingMapping.Event b) {
            return b.offset() < a.offset() + a.length() && a.offset() < b.offset() + b.length();
        }

        private void apply(long offset, byte[] data, int from, int length) {
            work.put(offset, data, from, length);
            touched(offset, length);
        }

        private void touched(long offset, long length) {
            long end = dataOff + (long) internalNlba * internalLbaSize;
            if (offset + length <= dataOff || offset >= end) {
                return;
            }
            long first = Math.max(0, (offset - dataOff) / internalLbaSize);
            long last = Math.min(internalNlba - 1, (offset + length - 1 - dataOff)
                    / internalLbaSize);
            for (long b = first; b <= last; b++) {
                rehash((int) b);
            }
        }

        private void rehash(int block) {
            blockHash[block] = hash(BttFiles.bytes(work, dataOff + (long) block * internalLbaSize,
                    sectorSize));
        }

        /**
         * The versions a sector may show when the first {@code applied} events reached the media:
         * that of its last write acknowledged before (its last event applied), and that of the
         * write under way, if any.
         */
        private int[] acceptable(long lba, int applied) {
            int done = 0;
            for (int[] w : writes.get(lba)) { // {version, first event, last event}, in order
                if (w[2] < applied) {
                    done = w[0];
                } else {
                    return w[1] < applied ? new int[] {done, w[0]} : new int[] {done};
                }
            }
            return new int[] {done};
        }

        private long expected(long lba, int version) {
            return version == 0 ? zeroHash : expectedHash.computeIfAbsent(lba << 32 | version,
                    k -> hash(content(lba, version, sectorSize)));
        }

        /** Opens the namespace as it is, checks it, and puts back what the recovery wrote. */
        private int verify(int applied, java.util.function.Supplier<String> where) throws Exception {
            RecordingMapping undo = new RecordingMapping(work);
            try {
                BttDevice btt;
                try {
                    btt = BttDevice.open(undo, PARENT, BttVersion.V2_0, BttLayout.ARENA_MAX_SIZE);
                } catch (BttException e) {
                    fail(where.get() + ": " + e.getMessage());
                    return 0;
                }
                for (RecordingMapping.Event e : undo.events()) {
                    if (e.isStore()) {
                        touched(e.offset(), e.length());
                    }
                }
                int[] map = btt.arenaList()[0].mapEntries();
                for (int lba = 0; lba < map.length; lba++) {
                    long h = blockHash[BttMapEntry.block(map[lba], lba)];
                    if (lba >= written.length || !written[lba]) {
                        if (h != zeroHash) {
                            fail(where.get() + ": sector " + lba + " was never written but is not zeros");
                        }
                        continue;
                    }
                    int[] versions = acceptable(lba, applied);
                    boolean ok = false;
                    for (int v : versions) {
                        ok |= h == expected(lba, v);
                    }
                    if (!ok) {
                        fail(where.get() + ": sector " + lba + " is neither version " + java.util.Arrays.toString(versions));
                    }
                }
                long lba = hot.get(random.nextInt(hot.size()));
                byte[] b = new byte[sectorSize];
                btt.read(lba, b, 0, sectorSize);
                boolean ok = false;
                for (int v : acceptable(lba, applied)) {
                    ok |= java.util.Arrays.equals(b, content(lba, v, sectorSize));
                }
                assertTrue(ok, () -> where.get() + ": read of sector " + lba);
                if (undo.count() > 0) {
                    // open verified the namespace as it found it; what its recovery made of it must check clean
                    List<BttProblem> problems = BTT.check(undo, PARENT, false).problems();
                    assertEquals(List.of(), problems, () -> where.get() + ": after recovery");
                    recovered++;
                }
                btt.close();
            } finally {
                List<RecordingMapping.Event> wrote = undo.events();
                undo.undo();
                for (RecordingMapping.Event e : wrote) {
                    if (e.isStore()) {
                        touched(e.offset(), e.length());
                    }
                }
            }
            return 1;
        }
    }
}
