package dev.ocxlpmem.btt.internal;

import static dev.ocxlpmem.btt.internal.BttFiles.BTT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttSectorErrorException;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/** Sector reads and writes on BTTs formatted here, on real file mappings. */
class BttReadWriteTest {
    static final long MIB = 1L << 20;
    static final UUID UUID_ = UUID.fromString("0a2054e3-5815-4d90-a607-1bca21026460");
    static final UUID PARENT = UUID.fromString("010d13f2-e0fe-4a3c-a78c-3e2a8ad1f8ab");

    @TempDir(factory = BttFiles.Shm.class)
    Path dir;

    static byte[] pattern(long lba, int version, int size) {
        byte[] b = new byte[size];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long word = lba << 32 | version;
        while (buf.remaining() >= 8) {
            buf.putLong(word);
        }
        return b;
    }

    /** A fresh BTT 2.0 with version 1 of each of {@code lbas} written; its info block. */
    static BttInfo formatAndWrite(Mapping ns, int lbaSize, long... lbas) throws Exception {
        try (Btt btt = BTT.format(ns, new BttSpec(UUID_, PARENT, lbaSize, BttVersion.V2_0))) {
            for (long lba : lbas) {
                btt.write(lba, pattern(lba, 1, btt.sectorSize()), 0, btt.sectorSize());
            }
            return btt.arenas().get(0);
        }
    }

    @ParameterizedTest
    @CsvSource({"512, V2_0", "520, V1_1", "528, V2_0", "4096, V1_1", "4104, V2_0", "4160, V1_1", "4224, V2_0"})
    void everySectorSizeRoundTripsAndSurvivesReopen(int lbaSize, BttVersion version) throws Exception {
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 20 * MIB)) {
            int ss;
            long count;
            try (Btt btt = BTT.format(ns, new BttSpec(UUID_, PARENT, lbaSize, version))) {
                ss = btt.sectorSize();
                count = btt.sectorCount();
                assertEquals(BTT.geometry(20 * MIB, lbaSize, version).sectorCount(), count);
                assertEquals(lbaSize >= 4096 ? 4096 : 512, ss);
                assertEquals(lbaSize, btt.lbaSize());
                assertEquals(version, btt.version());
                for (long lba : new long[] {0, 1, count / 2, count - 1}) {
                    btt.write(lba, pattern(lba, 1, ss), 0, ss);
                }
                byte[] range = new byte[3 * ss];
                System.arraycopy(pattern(10, 2, ss), 0, range, 0, ss);
                System.arraycopy(pattern(11, 2, ss), 0, range, ss, ss);
                System.arraycopy(pattern(12, 2, ss), 0, range, 2 * ss, ss);
                btt.write(10, range, 0, range.length);
            }
            assertEquals(List.of(), BTT.check(ns, PARENT, false).problems());
            try (Btt btt = BTT.open(ns, PARENT, version)) {
                byte[] b = new byte[ss];
                for (long lba : new long[] {0, 1, count / 2, count - 1}) {
                    btt.read(lba, b, 0, ss);
                    assertArrayEquals(pattern(lba, 1, ss), b, "sector " + lba);
                }
                byte[] range = new byte[4 * ss];
                btt.read(9, range, 0, range.length);
                assertArrayEquals(new byte[ss], java.util.Arrays.copyOfRange(range, 0, ss), "never written");
                for (int i = 1; i < 4; i++) {
                    assertArrayEquals(pattern(9 + i, 2, ss), java.util.Arrays.copyOfRange(range, i * ss, (i + 1) * ss));
                }
            }
        }
    }

    @Test
    void byteBuffersHeapAndDirect() throws Exception {
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 17 * MIB);
                Btt btt = BTT.format(ns, new BttSpec(UUID_, PARENT, 512, BttVersion.V2_0))) {
            ByteBuffer direct = ByteBuffer.allocateDirect(3 * 512 + 7);
            direct.position(7);
            direct.put(pattern(5, 1, 512)).put(pattern(6, 1, 512)).put(pattern(7, 1, 512));
            direct.position(7);
            btt.write(5, direct);
            assertEquals(direct.limit(), direct.position());
            ByteBuffer heap = ByteBuffer.allocate(2 * 512);
            btt.read(6, heap);
            assertEquals(1024, heap.position());
            assertArrayEquals(pattern(6, 1, 512), java.util.Arrays.copyOfRange(heap.array(), 0, 512));
            assertArrayEquals(pattern(7, 1, 512), java.util.Arrays.copyOfRange(heap.array(), 512, 1024));
            ByteBuffer back = ByteBuffer.allocateDirect(512);
            btt.read(5, back);
            back.flip();
            byte[] b = new byte[512];
            back.get(b);
            assertArrayEquals(pattern(5, 1, 512), b);
            assertThrows(java.nio.ReadOnlyBufferException.class, () -> btt.read(5, ByteBuffer.allocate(512)
                    .asReadOnlyBuffer()));
        }
    }

    @Test
    void badRangesAreRefusedAndChangeNothing() throws Exception {
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 17 * MIB);
                Btt btt = BTT.format(ns, new BttSpec(UUID_, PARENT, 4096, BttVersion.V2_0))) {
            long n = btt.sectorCount();
            byte[] before = BttFiles.bytes(ns, 0, (int) ns.size());
            byte[] b = new byte[4096];
            IndexOutOfBoundsException past = assertThrows(IndexOutOfBoundsException.class,
                    () -> btt.write(n, b, 0, 4096));
            assertEquals("sectors [" + n + ", " + n + " + 1) are not on BTT 2.0 " + UUID_ + ", which has " + n,
                    past.getMessage());
            assertThrows(IndexOutOfBoundsException.class, () -> btt.write(-1, b, 0, 4096));
            assertThrows(IndexOutOfBoundsException.class, () -> btt.write(Long.MAX_VALUE, b, 0, 4096));
            assertThrows(IndexOutOfBoundsException.class, () -> btt.write(n - 1, new byte[8192], 0, 8192));
            assertThrows(IndexOutOfBoundsException.class, () -> btt.read(Long.MIN_VALUE, b, 0, 4096));
            assertThrows(IndexOutOfBoundsException.class, () -> btt.write(0, b, 1, 4096));
            IllegalArgumentException partial = assertThrows(IllegalArgumentException.class,
                    () -> btt.write(0, b, 0, 512));
            assertEquals("512 bytes are not a whole number of 4096-byte sectors of BTT 2.0 " + UUID_,
                    partial.getMessage());
            assertThrows(IllegalArgumentException.class, () -> btt.write(0, ByteBuffer.allocate(100)));
            assertArrayEquals(before, BttFiles.bytes(ns, 0, (int) ns.size()), "refusals wrote nothing");
            btt.write(0, new byte[0], 0, 0); // an empty range is a no-op
            btt.close();
            IllegalStateException closed = assertThrows(IllegalStateException.class, () -> btt.read(0, b, 0, 4096));
            assertEquals("BTT 2.0 " + UUID_ + " is closed", closed.getMessage());
        }
    }

    @Test
    void formatRefusesANamespaceTooSmallAndWritesNothing() throws Exception {
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 16 * MIB)) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> BTT.format(ns, new BttSpec(UUID_, PARENT, 4096, BttVersion.V1_1)));
            assertTrue(e.getMessage().startsWith("a BTT 1.1 needs a namespace of at least 16781312 bytes"));
            assertTrue(BttFiles.allZero(BttFiles.bytes(ns, 0, (int) ns.size()), (int) ns.size()));
            assertThrows(IllegalArgumentException.class, () -> new BttSpec(new UUID(0, 0), PARENT, 512,
                    BttVersion.V2_0));
            assertThrows(IllegalArgumentException.class, () -> new BttSpec(UUID_, PARENT, 4097, BttVersion.V2_0));
        }
    }

    /**
     * A sector whose map entry has the error flag reads as a media error naming it; writing it
     * clears the flag as Linux does: the new block is mapped normally, the log's old_map keeps the
     * flag, and the freed block is zeroed before anyone reuses it.
     */
    @Test
    void errorFlagReadsAsMediaErrorAndAWriteClearsIt() throws Exception {
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 17 * MIB)) {
            BttInfo info = formatAndWrite(ns, 4096, 7, 8);
            long entry7 = info.mapOff() + 7 * 4;
            int mapped = ns.getInt(entry7);
            int block = mapped & BttMapEntry.BLOCK_MASK;
            ns.putInt(entry7, BttMapEntry.error(block)); // what btt_read_pg writes after a failed read
            ns.persist(entry7, 4);
            assertEquals(List.of(), BTT.check(ns, PARENT, false).problems(), "an error flag is not corruption");
            try (Btt btt = BTT.open(ns, PARENT, BttVersion.V2_0)) {
                byte[] b = new byte[4096];
                BttSectorErrorException e = assertThrows(BttSectorErrorException.class, () -> btt.read(7, b, 0, 4096));
                assertEquals(7, e.lba());
                assertEquals(7 * 4096, e.offset());
                assertEquals("sector 7 of BTT 2.0 " + UUID_ + " is lost to a media error (its map entry has the error "
                        + "flag); writing the sector clears it", e.getMessage());
                assertThrows(BttSectorErrorException.class, () -> btt.read(6, new byte[3 * 4096], 0, 3 * 4096),
                        "a range that covers it");
                btt.read(8, b, 0, 4096);
                assertArrayEquals(pattern(8, 1, 4096), b);
                btt.write(7, pattern(7, 2, 4096), 0, 4096);
                btt.read(7, b, 0, 4096);
                assertArrayEquals(pattern(7, 2, 4096), b);
                assertTrue(BttFiles.allZero(BttFiles.bytes(ns, info.dataOff() + (long) block * 4096, 4096), 4096),
                        "the freed block was zeroed");
                boolean logged = false;
                for (int lane = 0; lane < 256; lane++) {
                    for (int slot = 0; slot < 2; slot++) {
                        long at = info.logOff() + lane * 64L + slot * 16;
                        if (ns.getInt(at) == 7 && ns.getInt(at + 4) == BttMapEntry.error(block)) {
                            logged = true;
                        }
                    }
                }
                assertTrue(logged, "the log entry names the freed block with the error flag");
            }
            assertEquals(List.of(), BTT.check(ns, PARENT, false).problems());
            try (Btt btt = BTT.open(ns, PARENT, BttVersion.V2_0)) {
                byte[] b = new byte[4096];
                btt.read(7, b, 0, 4096);
                assertArrayEquals(pattern(7, 2, 4096), b);
            }
        }
    }

    @Test
    void zeroFlagReadsAsZeros() throws Exception {
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 17 * MIB)) {
            BttInfo info = formatAndWrite(ns, 512, 3);
            long entry = info.mapOff() + 3 * 4;
            ns.putInt(entry, ns.getInt(entry) & ~BttMapEntry.ERROR);
            try (Btt btt = BTT.open(ns, PARENT, BttVersion.V2_0)) {
                byte[] b = pattern(0, 9, 512);
                btt.read(3, b, 0, 512);
                assertArrayEquals(new byte[512], b);
                ByteBuffer buf = ByteBuffer.allocateDirect(512);
                btt.read(3, buf);
                assertEquals(512, buf.position());
            }
        }
    }

    /**
     * Writers and readers at once: writers own sectors and also share some; every read sees one
     * whole version of a sector (never a mix), each writer's versions appear in order, and several
     * lanes carry the writes.
     */
    @Test
    void concurrentWritersAndReadersSeeWholeSectors() throws Exception {
        int writers = 4;
        int readers = 2;
        int owned = 64;
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 17 * MIB);
                Btt btt = BTT.format(ns, new BttSpec(UUID_, PARENT, 4096, BttVersion.V2_0))) {
            long shared = btt.sectorCount() - 1;
            int[][] last = new int[writers][owned];
            AtomicBoolean stop = new AtomicBoolean();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicLong reads = new AtomicLong();
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int me = w;
                threads.add(new Thread(() -> {
                    Random random = new Random(me);
                    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
                    try {
                        start.await();
                        // on a loaded machine the readers may get little time: writing goes on until
                        // they have read a thousand sectors among the writes
                        for (int i = 0; i < 1500 || reads.get() <= 1000; i++) {
                            if (System.nanoTime() > deadline) {
                                throw new AssertionError("the readers read " + reads + " sectors in 5 minutes");
                            }
                            int k = random.nextInt(owned);
                            long lba = (long) k * writers + me;
                            btt.write(lba, pattern(lba, ++last[me][k], 4096), 0, 4096);
                            if (i % 10 == 0) {
                                btt.write(shared, pattern(shared, me << 16 | i, 4096), 0, 4096);
                            }
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            for (int r = 0; r < readers; r++) {
                int me = r;
                threads.add(new Thread(() -> {
                    Random random = new Random(100 + me);
                    int[] seen = new int[owned * writers];
                    byte[] b = new byte[4096];
                    ByteBuffer direct = ByteBuffer.allocateDirect(4096); // the second reader reads into one
                    try {
                        start.await();
                        while (!stop.get()) {
                            int lba = random.nextInt(owned * writers + 1);
                            long which = lba == owned * writers ? shared : lba;
                            if (me == 0) {
                                btt.read(which, b, 0, 4096);
                            } else {
                                btt.read(which, direct.clear());
                                direct.flip().get(b);
                            }
                            long word = whole(b, which);
                            if (which != shared) {
                                int version = (int) word;
                                if (version < seen[lba]) {
                                    throw new AssertionError("sector " + lba + " went back from version " + seen[lba]
                                            + " to " + version);
                                }
                                seen[lba] = version;
                            }
                            reads.incrementAndGet();
                        }
                    } catch (Throwable t) {
                        failure.compareAndSet(null, t);
                    }
                }));
            }
            threads.forEach(Thread::start);
            start.countDown();
            for (int i = 0; i < writers; i++) {
                threads.get(i).join();
            }
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
            assertNull(failure.get());
            assertTrue(reads.get() > 1000, reads + " reads");
            for (int w = 0; w < writers; w++) {
                for (int k = 0; k < owned; k++) {
                    long lba = (long) k * writers + w;
                    byte[] b = new byte[4096];
                    btt.read(lba, b, 0, 4096);
                    assertArrayEquals(pattern(lba, last[w][k], 4096), b);
                }
            }
            BttInfo info = btt.arenas().get(0);
            Set<Integer> lanes = new HashSet<>();
            for (int lane = 0; lane < 256; lane++) {
                if (ns.getInt(info.logOff() + lane * 64L + 16 + 12) != 0) {
                    lanes.add(lane);
                }
            }
            assertTrue(lanes.size() >= writers, "lanes used: " + lanes);
            assertEquals(List.of(), BTT.check(ns, PARENT, false).problems());
        }
    }

    /** The one word a sector is filled with; fails on a torn sector. */
    static long whole(byte[] b, long lba) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long first = buf.getLong(0);
        for (int i = 8; i < b.length; i += 8) {
            if (buf.getLong(i) != first) {
                throw new AssertionError("sector " + lba + " is torn: word 0 is " + Long.toHexString(first) + ", word "
                        + i / 8 + " is " + Long.toHexString(buf.getLong(i)));
            }
        }
        if (first != 0 && first >>> 32 != lba) {
            throw new AssertionError("sector " + lba + " holds sector " + (first >>> 32) + "'s data");
        }
        return first;
    }

    /** Log entries in the pre-4.15 slots (0, 2) are read and continued in those slots. */
    @Test
    void oldLogPaddingIsKept() throws Exception {
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 17 * MIB)) {
            BttInfo info = formatAndWrite(ns, 4096, 1);
            for (int lane = 0; lane < 256; lane++) {
                long group = info.logOff() + lane * 64L;
                byte[] slot1 = BttFiles.bytes(ns, group + 16, 16);
                ns.put(group + 32, slot1, 0, 16);
                ns.fill(group + 16, 16, (byte) 0);
            }
            ns.persist(info.logOff(), 256 * 64);
            try (Btt btt = BTT.open(ns, PARENT, BttVersion.V2_0)) {
                for (int i = 0; i < 600; i++) {
                    btt.write(i % 5, pattern(i % 5, i, 4096), 0, 4096);
                }
            }
            for (int lane = 0; lane < 256; lane++) {
                long group = info.logOff() + lane * 64L;
                assertTrue(BttFiles.allZero(BttFiles.bytes(ns, group + 16, 16), 16), "slot 1 of lane " + lane);
                assertTrue(BttFiles.allZero(BttFiles.bytes(ns, group + 48, 16), 16), "slot 3 of lane " + lane);
            }
            assertEquals(List.of(), BTT.check(ns, PARENT, false).problems());
            try (Btt btt = BTT.open(ns, PARENT, BttVersion.V2_0)) {
                byte[] b = new byte[4096];
                for (int k = 0; k < 5; k++) {
                    btt.read(k, b, 0, 4096);
                    assertArrayEquals(pattern(k, 595 + k, 4096), b);
                }
            }
        }
    }

    /** Arenas of a size other than 512 GiB, to follow nextoff and the LBA numbering across arenas. */
    @Test
    void severalArenas() throws Exception {
        long arena = 20 * MIB;
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 3 * arena + 17 * MIB + 4096)) {
            BttSpec spec = new BttSpec(UUID_, PARENT, 512, BttVersion.V1_1);
            long count;
            try (Btt btt = BttLayout.format(ns, spec, arena)) {
                assertEquals(4, btt.arenas().size());
                count = btt.sectorCount();
                List<BttLayout.Arena> plan = BttLayout.plan(ns.size(), 512, BttVersion.V1_1, arena);
                assertEquals(plan.stream().mapToLong(BttLayout.Arena::externalNlba).sum(), count);
                assertEquals(arena, btt.arenas().get(0).nextOff());
                assertEquals(0, btt.arenas().get(3).nextOff());
                for (long lba = 0; lba < count; lba += 997) {
                    btt.write(lba, pattern(lba, 1, 512), 0, 512);
                }
                long edge = plan.get(0).externalNlba();
                byte[] across = new byte[4 * 512];
                for (int i = 0; i < 4; i++) {
                    System.arraycopy(pattern(edge - 2 + i, 2, 512), 0, across, i * 512, 512);
                }
                btt.write(edge - 2, across, 0, across.length);
            }
            var result = BttCheck.check(ns, PARENT, false, arena);
            assertEquals(List.of(), result.problems());
            assertEquals(4, result.arenas());
            try (Btt btt = BTT.open(ns, PARENT, BttVersion.V1_1)) {
                byte[] b = new byte[512];
                long edge = btt.arenas().get(0).externalNlba();
                for (long lba = 0; lba < count; lba += 997) {
                    if (lba < edge - 2 || lba > edge + 1) {
                        btt.read(lba, b, 0, 512);
                        assertArrayEquals(pattern(lba, 1, 512), b, "sector " + lba);
                    }
                }
                byte[] across = new byte[4 * 512];
                btt.read(edge - 2, across, 0, across.length);
                for (int i = 0; i < 4; i++) {
                    assertArrayEquals(pattern(edge - 2 + i, 2, 512), java.util.Arrays.copyOfRange(across, i * 512,
                            (i + 1) * 512));
                }
            }
            // arenas of one BTT share their LBA size
            long second = 4096 + arena;
            byte[] info = BttFiles.bytes(ns, second, 4096);
            ByteBuffer buf = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
            int blocks = (int) ((buf.getLong(BttInfoBlock.MAPOFF) - buf.getLong(BttInfoBlock.DATAOFF)) / 576);
            buf.putInt(BttInfoBlock.EXTERNAL_LBASIZE, 520).putInt(BttInfoBlock.INTERNAL_LBASIZE, 576)
                    .putInt(BttInfoBlock.INTERNAL_NLBA, blocks).putInt(BttInfoBlock.EXTERNAL_NLBA, blocks - 256);
            buf.putLong(BttInfoBlock.CHECKSUM, BttInfoBlock.checksum(info));
            ns.put(second, info, 0, 4096);
            var problems = BttCheck.check(ns, PARENT, false, arena).problems();
            assertEquals(1, problems.size(), problems.toString());
            assertEquals(dev.ocxlpmem.btt.BttProblem.Kind.INFO_BLOCK_GEOMETRY, problems.get(0).kind());
            assertEquals(1, problems.get(0).arena());
            assertTrue(problems.get(0).message().endsWith("external_lbasize 520 is not arena 0's 512"));
            assertThrows(dev.ocxlpmem.btt.BttException.class, () -> BTT.open(ns, PARENT, BttVersion.V1_1));
        }
    }

    /** Writes of one thread after another use the same lane; the lane's sequence numbers cycle 1, 2, 3. */
    @Test
    void laneSequenceCycles() throws Exception {
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", 17 * MIB);
                Btt btt = BTT.format(ns, new BttSpec(UUID_, PARENT, 4096, BttVersion.V2_0))) {
            BttInfo info = btt.arenas().get(0);
            int lane = (int) (Thread.currentThread().getId() % 256);
            long group = info.logOff() + lane * 64L;
            int[][] expected = {{1, 0}, {1, 2}, {3, 2}, {3, 1}, {2, 1}, {2, 3}, {1, 3}, {1, 2}};
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i][0], ns.getInt(group + 12), "slot 0 after " + i + " writes");
                assertEquals(expected[i][1], ns.getInt(group + 16 + 12), "slot 1 after " + i + " writes");
                btt.write(0, pattern(0, i, 4096), 0, 4096);
            }
        }
    }
}
