package dev.ocxlpmem.btt.internal;

import static dev.ocxlpmem.btt.internal.BttFiles.BTT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttCheckResult;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttProblem.Kind;
import dev.ocxlpmem.btt.BttProblem;
import dev.ocxlpmem.btt.BttSectorErrorException;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/**
 * Random damage to a used BTT's metadata (info blocks, with and without a recomputed checksum,
 * map, log), fed to check and open: each must give a validation result or a working BTT, never
 * another exception, never a hang; open must succeed exactly when check finds nothing but
 * interrupted writes; a check without repair must write nothing; and what repair calls clean must
 * open. {@code -Dbtt.heavy=true} runs ten times as many.
 */
class BttDamagedTest {
    static final long MIB = 1L << 20;
    static final UUID UUID_ = UUID.fromString("ebd470e3-8118-455b-82a0-b017bc11cc3a");
    static final UUID PARENT = UUID.fromString("5aa0c624-2916-4cf3-89ff-bbd70da3fb11");

    @TempDir(factory = BttFiles.Shm.class)
    Path dir;

    @ParameterizedTest(name = "{0}-byte sectors, BTT {1}, {2} mutations")
    @CsvSource({"4096, V2_0, 6000", "4224, V1_1, 4000"})
    void damageIsReportedNeverThrown(int lbaSize, BttVersion version, int mutations) throws Exception {
        int n = Boolean.getBoolean("btt.heavy") ? mutations * 10 : mutations;
        long size = 16 * MIB + version.offset();
        try (Mapping ns = BttFiles.namespace(dir, "ns.img", size)) {
            BttInfo info;
            try (Btt btt = BTT.format(ns, new BttSpec(UUID_, PARENT, lbaSize, version))) {
                Random random = new Random(lbaSize);
                byte[] sector = new byte[btt.sectorSize()];
                for (int i = 0; i < 400; i++) {
                    long lba = random.nextInt(200);
                    random.nextBytes(sector);
                    btt.write(lba, sector, 0, sector.length);
                }
                info = btt.arenas().get(0);
            }
            byte[] base = BttFiles.bytes(ns, 0, (int) size);
            Map<Kind, Integer> seen = new EnumMap<>(Kind.class);
            int[] opened = new int[1];
            assertTimeoutPreemptively(Duration.ofMinutes(5), () -> {
                Random random = new Random(lbaSize * 7L + n);
                RecordingMapping rec = new RecordingMapping(ns);
                for (int i = 0; i < n; i++) {
                    String what = mutate(rec, info, version.offset(), random);
                    try {
                        if (exercise(rec, version, random, i % 10 == 0, seen)) {
                            opened[0]++;
                        }
                    } catch (AssertionError e) {
                        throw new AssertionError("mutation " + i + " (" + what + "): " + e.getMessage(), e);
                    } catch (Throwable t) {
                        throw new AssertionError("mutation " + i + " (" + what + ") threw " + t, t);
                    }
                    rec.undo();
                }
            });
            assertArrayEquals(base, BttFiles.bytes(ns, 0, (int) size), "every mutation was undone");
            System.out.printf("BTT damage, %d-byte sectors, BTT %s: %d mutations, %d opened, problems found: %s%n",
                    lbaSize, version, n, opened[0], seen);
            assertTrue(seen.size() >= 10, "mutations reach most checks: " + seen.keySet());
        }
    }

    /** Check, open and use; true when it opened. */
    static boolean exercise(RecordingMapping ns, BttVersion version, Random random, boolean repair,
            Map<Kind, Integer> seen) throws Exception {
        int before = ns.count();
        BttCheckResult r = BTT.check(ns, PARENT, false);
        assertEquals(before, ns.count(), "a check without repair wrote");
        boolean openable = true;
        for (BttProblem p : r.problems()) {
            seen.merge(p.kind(), 1, Integer::sum);
            openable &= p.kind() == Kind.INTERRUPTED_WRITE;
        }
        boolean opened = use(ns, version, random);
        assertEquals(openable, opened, "open and check disagree: " + r.problems());
        if (repair) {
            BttCheckResult repaired = BTT.check(ns, PARENT, true);
            if (repaired.clean() && r.version() == version) {
                assertTrue(use(ns, version, random), "repair left it clean but it does not open: "
                        + repaired.repaired());
            }
        }
        return opened;
    }

    /** Opens and reads and writes some sectors; false when open refused it. */
    static boolean use(Mapping ns, BttVersion version, Random random) throws Exception {
        Btt btt;
        try {
            btt = BTT.open(ns, PARENT, version);
        } catch (BttException e) {
            assertTrue(!e.problems().isEmpty() || !e.getMessage().isEmpty());
            return false;
        }
        try (btt) {
            byte[] b = new byte[btt.sectorSize()];
            for (int k = 0; k < 3; k++) {
                try {
                    btt.read(random.nextInt((int) btt.sectorCount()), b, 0, b.length);
                } catch (BttSectorErrorException e) {
                    // a sector in error is a valid reading
                }
            }
            long lba = random.nextInt((int) btt.sectorCount());
            random.nextBytes(b);
            btt.write(lba, b, 0, b.length);
            byte[] back = new byte[b.length];
            btt.read(lba, back, 0, back.length);
            assertArrayEquals(b, back, "sector " + lba + " after writing it");
        }
        return true;
    }

    /** One to three random damages; returns what they were. */
    static String mutate(Mapping ns, BttInfo info, long base, Random random) {
        StringBuilder what = new StringBuilder();
        int count = 1 + (random.nextInt(4) == 0 ? random.nextInt(3) : 0);
        for (int i = 0; i < count; i++) {
            what.append(i == 0 ? "" : "; ").append(damage(ns, info, base, random));
        }
        return what.toString();
    }

    static String damage(Mapping ns, BttInfo info, long base, Random random) {
        long infoOff = base;
        long info2Off = base + info.info2Off();
        long mapOff = base + info.mapOff();
        long logOff = base + info.logOff();
        int nlba = (int) info.externalNlba();
        int internal = (int) info.internalNlba();
        switch (random.nextInt(10)) {
            case 0 -> {
                long at = infoOff + random.nextInt(4096);
                ns.putByte(at, (byte) (ns.getByte(at) ^ 1 << random.nextInt(8)));
                return "bit flipped at " + at;
            }
            case 1, 2 -> {
                boolean both = random.nextBoolean();
                int field = new int[] {BttInfoBlock.FLAGS, BttInfoBlock.VERSION_MAJOR, BttInfoBlock.EXTERNAL_LBASIZE,
                        BttInfoBlock.EXTERNAL_NLBA, BttInfoBlock.INTERNAL_LBASIZE, BttInfoBlock.INTERNAL_NLBA,
                        BttInfoBlock.NFREE, BttInfoBlock.INFOSIZE, BttInfoBlock.NEXTOFF, BttInfoBlock.DATAOFF,
                        BttInfoBlock.MAPOFF, BttInfoBlock.LOGOFF, BttInfoBlock.INFO2OFF, BttInfoBlock.UUID_OFF,
                        BttInfoBlock.PARENT_UUID}[random.nextInt(15)];
                long value = interesting(random, ns.size());
                byte[] b = BttFiles.bytes(ns, infoOff, 4096);
                ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                if (field >= BttInfoBlock.NEXTOFF && field <= BttInfoBlock.INFO2OFF || field == BttInfoBlock.UUID_OFF
                        || field == BttInfoBlock.PARENT_UUID) {
                    buf.putLong(field, value);
                } else if (field == BttInfoBlock.VERSION_MAJOR) {
                    buf.putShort(field + 2 * random.nextInt(2), (short) random.nextInt(4));
                } else {
                    buf.putInt(field, (int) value);
                }
                buf.putLong(BttInfoBlock.CHECKSUM, BttInfoBlock.checksum(b));
                ns.put(infoOff, b, 0, 4096);
                if (both) {
                    ns.put(info2Off, b, 0, 4096);
                }
                return "info field at " + field + " = " + value + " with its checksum" + (both ? ", backup too" : "");
            }
            case 3 -> {
                long at = info2Off + random.nextInt(4096);
                ns.putByte(at, (byte) random.nextInt(256));
                return "backup byte at " + at;
            }
            case 4, 5 -> {
                int lba = random.nextInt(nlba);
                int block = switch (random.nextInt(5)) {
                    case 0 -> internal - 1 - random.nextInt(3) + random.nextInt(6);
                    case 1 -> ns.getInt(mapOff + 4L * random.nextInt(nlba)) & BttMapEntry.BLOCK_MASK;
                    case 2 -> random.nextInt(internal);
                    default -> random.nextInt();
                };
                int flags = new int[] {0, BttMapEntry.ERROR, BttMapEntry.ZERO, BttMapEntry.NORMAL}[random.nextInt(4)];
                int entry = (block & BttMapEntry.BLOCK_MASK) | flags;
                ns.putInt(mapOff + 4L * lba, entry);
                return "map[" + lba + "] = " + Integer.toHexString(entry);
            }
            case 6, 7 -> {
                int lane = random.nextInt(256);
                int slot = random.nextInt(4);
                int fieldNo = random.nextInt(4);
                int value = switch (fieldNo) {
                    case 0 -> random.nextBoolean() ? nlba - 1 + random.nextInt(3) : random.nextInt(nlba);
                    case 3 -> random.nextInt(6);
                    default -> (random.nextBoolean() ? internal - 1 + random.nextInt(3) : random.nextInt(internal))
                            | (random.nextInt(4) == 0 ? BttMapEntry.ERROR : 0);
                };
                ns.putInt(logOff + lane * 64L + slot * 16 + fieldNo * 4, value);
                return "log lane " + lane + " slot " + slot + " field " + fieldNo + " = " + value;
            }
            case 8 -> {
                long[] areas = {infoOff, info2Off, mapOff, logOff};
                long at = areas[random.nextInt(areas.length)] + random.nextInt(4096) / 64 * 64;
                ns.fill(at, 64, (byte) 0);
                return "64 zero bytes at " + at;
            }
            default -> {
                long[] areas = {infoOff, mapOff + random.nextInt(Math.max(1, nlba * 4 - 256)), logOff + random.nextInt(
                        256 * 64 - 256)};
                long at = areas[random.nextInt(areas.length)];
                byte[] junk = new byte[1 + random.nextInt(256)];
                random.nextBytes(junk);
                ns.put(at, junk, 0, junk.length);
                return junk.length + " random bytes at " + at;
            }
        }
    }

    static long interesting(Random random, long size) {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> size;
            case 3 -> size - 4096;
            case 4 -> random.nextInt(64) * 4096L;
            case 5 -> Long.MAX_VALUE - random.nextInt(10);
            case 6 -> List.of(512, 520, 4096, 4160, 256, 1 << 30).get(random.nextInt(6));
            default -> random.nextLong();
        };
    }
}
