package dev.ocxlpmem.btt.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.ocxlpmem.btt.BttCheckResult;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttProblem.Kind;
import dev.ocxlpmem.btt.BttProblem;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MediaErrorException;

/**
 * Reads a BTT's arenas and verifies them the way {@code ndctl check-namespace} does
 * ({@code ndctl/check.c}, ndctl 76): from the first info block on, per arena the info block, the
 * log's slot layout and sequence numbers, the log entries and map entries in range, each log entry
 * against the map, the backup info block, and that the map and the free blocks name every internal
 * block exactly once. Like ndctl, an arena's checks stop at the first stage that finds a problem,
 * and the first such arena ends the reading.
 *
 * <p>The one reader of a BTT's metadata: opening ({@link #read}: the first info block only where
 * the label version puts it, nothing searched for or repaired) and checking ({@link BttCheck}: the
 * first info block searched for as ndctl does, repairs with {@code repair}) both go through it, and
 * what it learns of each arena ({@link ArenaState}) is what an open BTT is built from.
 *
 * <p>Where this differs from ndctl 76, on purpose: the error and zero flags are stripped from log
 * entries before their range checks (Linux sets the error flag in {@code old_map} when it
 * overwrites a sector in error, which ndctl then reports as out of range); LBA sizes that Linux
 * pads to 64 bytes (520, 528, 4104) are checked rather than refused (ndctl requires internal and
 * external LBA size to be equal); every problem of a stage is reported, not the first; and a
 * pending map update from an interrupted write is counted as done for the block check (ndctl
 * without {@code --repair} reports the blocks it leaves doubly used). The info block's version must
 * match its place, as the kernel requires.
 */
final class ArenaReader {
    static final int MAX_PROBLEMS = 1000;

    final Mapping ns;
    final long maxArena;
    private final UUID parent;
    private final boolean repair;
    private final List<BttProblem> problems = new ArrayList<>();
    private final List<BttProblem> repaired = new ArrayList<>();
    private long left;
    private boolean stopped;
    private final List<ArenaState> arenas = new ArrayList<>();
    private BttVersion version;

    ArenaReader(Mapping ns, UUID parent, boolean repair, long maxArena) {
        this.ns = Objects.requireNonNull(ns, "namespace");
        this.parent = Objects.requireNonNull(parent, "parentUuid");
        this.repair = repair;
        this.maxArena = maxArena;
    }

    /**
     * What opening reads ({@link dev.ocxlpmem.btt.BttDriver#read}): the BTT whose first info block
     * is where {@code version} puts it. Writes nothing.
     */
    static VerifiedArenas read(Mapping ns, UUID parent, BttVersion version, long maxArena) {
        Objects.requireNonNull(version, "version");
        ArenaReader r = new ArenaReader(ns, parent, false, maxArena);
        try {
            r.openAndCheck(version);
        } catch (MediaErrorException e) {
            r.mediaError(e);
        }
        return new VerifiedArenas(version, parent, ns.size(), r.arenas, r.result().problems());
    }

    BttCheckResult result() {
        List<BttProblem> all = new ArrayList<>(problems);
        if (left > 0) {
            all.add(new BttProblem(Kind.MORE, -1, -1, -1, left, false, left + " more problems are not listed"));
        }
        return new BttCheckResult(version, arenas.size(), all, repaired);
    }

    /** Whether reading stopped at a media error. */
    boolean stopped() {
        return stopped;
    }

    private void openAndCheck(BttVersion v) {
        byte[] b = BttInfoBlock.read(ns, v.offset());
        String why = b == null ? "it lies past the namespace's " + ns.size() + " bytes" : verify(b);
        if (why != null) {
            long backupAt = backupOffset(v.offset(), ns.size());
            byte[] backup = BttInfoBlock.read(ns, backupAt);
            boolean recoverable = backup != null && verify(backup) == null;
            problem(Kind.INFO_BLOCK_INVALID, 0, v.offset(), -1, -1, recoverable, "arena 0: the BTT " + v
                    + " info block at offset " + hex(v.offset()) + " is not valid: " + why
                    + (recoverable ? "; its backup at " + hex(backupAt) + " is: check-namespace --repair restores it"
                            : ""));
            return;
        }
        discover(v, b);
        checkArenas();
    }

    /**
     * Why an info block is not valid ({@code btt_info_verify}, {@code nd_btt_arena_is_valid}), or
     * null: the signature, the parent UUID when the block names one, the checksum.
     */
    String verify(byte[] b) {
        if (!BttInfoBlock.hasSignature(b)) {
            return "it has no BTT_ARENA_INFO signature";
        }
        BttInfo info = BttInfoBlock.decode(b, 0);
        UUID p = info.parentUuid();
        if ((p.getMostSignificantBits() != 0 || p.getLeastSignificantBits() != 0) && !p.equals(parent)) {
            return "it belongs to namespace " + p + ", not to " + parent;
        }
        if (!info.checksumValid()) {
            return "its checksum " + hex(info.checksum()) + " does not match its contents ("
                    + hex(BttInfoBlock.checksum(b)) + ")";
        }
        return null;
    }

    /** ndctl's place for an arena's backup info block: the end of the namespace or of a full-size arena. */
    long backupOffset(long arenaStart, long remaining) {
        return remaining <= maxArena ? roundDown(ns.size(), BttLayout.PAGE) - BttInfoBlock.SIZE
                : arenaStart + maxArena - BttInfoBlock.SIZE;
    }

    /** Reports a primary info block that a valid backup replaces; with repair, writes the backup over it. */
    void restore(int arena, long offset, byte[] backup, long backupAt, String what) {
        BttProblem p = new BttProblem(Kind.INFO_BLOCK_INVALID, arena, offset, -1, -1, true, "arena " + arena + ": "
                + what + " at offset " + hex(offset) + " is not valid; its backup at " + hex(backupAt) + " is"
                + (repair ? ", and was copied over it" : ": repair copies it over"));
        if (repair) {
            ns.copyAndPersist(offset, backup, 0, backup.length);
            repaired.add(p);
        } else {
            add(p);
        }
    }

    /** {@code btt_discover_arenas}: follows {@code nextoff} from the first info block. */
    void discover(BttVersion v, byte[] first) {
        version = v;
        long off = v.offset();
        long remaining = ns.size();
        long lbaStart = 0;
        for (int i = 0; remaining > 0 && !stopped; i++) {
            byte[] b = i == 0 ? first : BttInfoBlock.read(ns, off);
            if (i > 0) {
                String why = verify(b);
                if (why != null) {
                    long backupAt = backupOffset(off, remaining);
                    byte[] backup = BttInfoBlock.read(ns, backupAt);
                    if (backup == null || verify(backup) != null) {
                        problem(Kind.INFO_BLOCK_INVALID, i, off, -1, -1, false, "arena " + i + ": the info block at "
                                + "offset " + hex(off) + " is not valid: " + why + ", and neither is a backup at "
                                + hex(backupAt));
                        return;
                    }
                    restore(i, off, backup, backupAt, "the info block");
                    b = backup;
                }
            }
            BttInfo info = BttInfoBlock.decode(b, off);
            if (info.version() != v) {
                problem(Kind.INFO_BLOCK_VERSION, i, off, -1, info.versionMajor() << 16 | info.versionMinor(), false,
                        "arena " + i + ": the info block at offset " + hex(off) + " says version "
                                + info.versionMajor() + "." + info.versionMinor() + " where a BTT " + v
                                + " belongs (Linux opens a BTT 1.1 at 4 KiB, a BTT 2.0 at 0)");
                return;
            }
            ArenaState a = geometry(info, b, i, lbaStart);
            if (a == null) {
                return;
            }
            if ((info.flags() & BttInfoBlock.FLAG_ERROR) != 0) {
                problem(Kind.INFO_BLOCK_ERROR_FLAG, i, off, -1, info.flags(), false, "arena " + i + ": the info "
                        + "block's error flag is set: the arena is known bad (Linux refuses writes to it)");
                return;
            }
            arenas.add(a);
            remaining -= a.size;
            off += a.size;
            lbaStart += a.externalNlba;
            if (info.nextOff() == 0) {
                break;
            }
        }
    }

    /** The arena an info block describes, or null (and a problem) when its fields do not fit. */
    ArenaState geometry(BttInfo info, byte[] bytes, int number, long lbaStart) {
        long off = info.offset();
        String why = null;
        long arenaSize = info.nextOff() != 0 ? info.nextOff() : info.info2Off() + BttInfoBlock.SIZE;
        if (!BttSpec.LBA_SIZES.contains((int) Math.min(info.externalLbaSize(), Integer.MAX_VALUE))) {
            why = "external_lbasize " + info.externalLbaSize() + " is none of " + BttSpec.LBA_SIZES;
        } else if (info.internalLbaSize() < info.externalLbaSize() || info.internalLbaSize() > 1 << 20) {
            why = "internal_lbasize " + info.internalLbaSize() + " cannot hold external_lbasize "
                    + info.externalLbaSize();
        } else if (info.externalNlba() < 1 || info.nfree() < 1
                || info.internalNlba() != info.externalNlba() + info.nfree()) {
            why = "internal_nlba " + info.internalNlba() + " is not external_nlba " + info.externalNlba()
                    + " plus nfree " + info.nfree();
        } else if (info.internalNlba() > BttMapEntry.BLOCK_MASK + 1L) {
            why = "internal_nlba " + info.internalNlba() + " does not fit the map's 30-bit block numbers";
        } else if (!within(info.dataOff()) || !within(info.mapOff()) || !within(info.logOff())
                || !within(info.info2Off()) || !within(info.nextOff())) {
            why = "an offset lies past the namespace's " + ns.size() + " bytes";
        } else if (info.dataOff() < BttInfoBlock.SIZE) {
            why = "dataoff " + hex(info.dataOff()) + " overlaps the info block";
        } else if (info.dataOff() + info.internalNlba() * info.internalLbaSize() > info.mapOff()) {
            why = "dataoff " + hex(info.dataOff()) + " + " + info.internalNlba() + " blocks of "
                    + info.internalLbaSize() + " bytes runs past mapoff " + hex(info.mapOff());
        } else if (info.mapOff() % BttMapEntry.SIZE != 0
                || info.mapOff() + info.externalNlba() * BttMapEntry.SIZE > info.logOff()) {
            why = "the map at mapoff " + hex(info.mapOff()) + " (" + info.externalNlba()
                    + " entries) is unaligned or runs past logoff " + hex(info.logOff());
        } else if (info.logOff() % BttFlog.GROUP_SIZE != 0
                || info.logOff() + info.nfree() * BttFlog.GROUP_SIZE > info.info2Off()) {
            why = "the log at logoff " + hex(info.logOff()) + " (" + info.nfree()
                    + " lanes) is unaligned or runs past info2off " + hex(info.info2Off());
        } else if (info.info2Off() + BttInfoBlock.SIZE > arenaSize) {
            why = "info2off " + hex(info.info2Off()) + " lies past the arena's end at nextoff " + hex(info.nextOff());
        } else if (arenaSize > ns.size() - off) {
            why = "the arena's " + arenaSize + " bytes run past the namespace's end (" + ns.size() + " bytes)";
        } else if (info.nextOff() != 0 && arenaSize + BttInfoBlock.SIZE > ns.size() - off) {
            why = "nextoff " + hex(info.nextOff()) + " leaves no room for another arena's info block";
        }
        if (why == null && !arenas.isEmpty() && info.externalLbaSize() != arenas.get(0).externalLbaSize) {
            why = "external_lbasize " + info.externalLbaSize() + " is not arena 0's " + arenas.get(0).externalLbaSize;
        }
        if (why != null) {
            problem(Kind.INFO_BLOCK_GEOMETRY, number, off, -1, -1, false, "arena " + number + ": the info block at "
                    + "offset " + hex(off) + " does not describe an arena that fits: " + why);
            return null;
        }
        ArenaState a = new ArenaState();
        a.number = number;
        a.info = info;
        a.infoBytes = bytes;
        a.size = arenaSize;
        a.externalLbaStart = lbaStart;
        a.dataOff = off + info.dataOff();
        a.mapOff = off + info.mapOff();
        a.logOff = off + info.logOff();
        a.info2Off = off + info.info2Off();
        a.externalNlba = (int) info.externalNlba();
        a.internalNlba = (int) info.internalNlba();
        a.externalLbaSize = (int) info.externalLbaSize();
        a.internalLbaSize = (int) info.internalLbaSize();
        a.nfree = (int) info.nfree();
        return a;
    }

    void checkArenas() {
        for (ArenaState a : arenas) {
            if (stopped || !checkArena(a)) {
                return;
            }
        }
    }

    /** {@code btt_check_arenas} for one arena; false when a stage found a problem that ends the check. */
    private boolean checkArena(ArenaState a) {
        byte[] logBytes = new byte[a.nfree * BttFlog.GROUP_SIZE];
        ns.get(a.logOff, logBytes, 0, logBytes.length);
        ByteBuffer log = ByteBuffer.wrap(logBytes).order(ByteOrder.LITTLE_ENDIAN);
        a.slots = BttFlog.slots(log, a.nfree);
        if (a.slots == null) {
            problem(Kind.LOG_PADDING, a.number, a.logOff, -1, -1, false, "arena " + a.number + ": the log at offset "
                    + hex(a.logOff) + " uses neither slots (0, 1) nor (0, 2) of its lanes for entries");
            return false;
        }
        return checkLogEntries(a, log) && checkMapEntries(a) && checkLogAgainstMap(a) && checkInfo2(a)
                && checkBlocks(a);
    }

    /** {@code btt_check_log_entries}: sequence numbers distinct and 0-3, the current entries in range. */
    private boolean checkLogEntries(ArenaState a, ByteBuffer log) {
        int before = problems.size();
        for (int lane = 0; lane < a.nfree; lane++) {
            int seq0 = BttFlog.entry(log, lane, a.slots[0]).seq();
            int seq1 = BttFlog.entry(log, lane, a.slots[1]).seq();
            long group = a.logOff + (long) lane * BttFlog.GROUP_SIZE;
            if (seq0 == seq1) {
                problem(Kind.LOG_EQUAL_SEQ, a.number, group, lane, Integer.toUnsignedLong(seq0), false, "arena "
                        + a.number + ": lane " + lane + ": both log entries have sequence number "
                        + Integer.toUnsignedString(seq0));
            } else if (Integer.compareUnsigned(seq0, 3) > 0 || Integer.compareUnsigned(seq1, 3) > 0) {
                long bad = Integer.compareUnsigned(seq0, 3) > 0 ? Integer.toUnsignedLong(seq0)
                        : Integer.toUnsignedLong(seq1);
                problem(Kind.LOG_SEQ_RANGE, a.number, group, lane, bad, false, "arena " + a.number + ": lane " + lane
                        + ": log sequence number " + bad + " is not 0 to 3");
            }
        }
        if (problems.size() > before || stopped) {
            return false;
        }
        a.current = new BttFlog.Entry[a.nfree];
        a.currentSlot = new int[a.nfree];
        for (int lane = 0; lane < a.nfree; lane++) {
            BttFlog.Entry e0 = BttFlog.entry(log, lane, a.slots[0]);
            BttFlog.Entry e1 = BttFlog.entry(log, lane, a.slots[1]);
            int current = 1 - BttFlog.older(e0.seq(), e1.seq());
            BttFlog.Entry e = current == 0 ? e0 : e1;
            a.current[lane] = e;
            a.currentSlot[lane] = current;
            long at = a.logOff + (long) lane * BttFlog.GROUP_SIZE + a.slots[current] * BttFlog.ENTRY_SIZE;
            if (Integer.compareUnsigned(e.lba(), a.externalNlba) >= 0) {
                problem(Kind.LOG_LBA_RANGE, a.number, at, lane, Integer.toUnsignedLong(e.lba()), false,
                        currentEntry(a, lane) + "names LBA " + hex(Integer.toUnsignedLong(e.lba()))
                                + ", past the arena's " + a.externalNlba);
            }
            if ((e.oldMap() & BttMapEntry.BLOCK_MASK) >= a.internalNlba) {
                problem(Kind.LOG_OLD_RANGE, a.number, at, lane, Integer.toUnsignedLong(e.oldMap()), false,
                        currentEntry(a, lane) + "names old block " + hex(e.oldMap() & BttMapEntry.BLOCK_MASK)
                                + ", past the arena's " + a.internalNlba);
            }
            if ((e.newMap() & BttMapEntry.BLOCK_MASK) >= a.internalNlba) {
                problem(Kind.LOG_NEW_RANGE, a.number, at, lane, Integer.toUnsignedLong(e.newMap()), false,
                        currentEntry(a, lane) + "names new block " + hex(e.newMap() & BttMapEntry.BLOCK_MASK)
                                + ", past the arena's " + a.internalNlba);
            }
        }
        return problems.size() == before && !stopped;
    }

    private static String currentEntry(ArenaState a, int lane) {
        return "arena " + a.number + ": lane " + lane + ": the current log entry ";
    }

    /** {@code btt_check_map_entries}: every map entry names a block of the arena. */
    private boolean checkMapEntries(ArenaState a) {
        int before = problems.size();
        a.map = readMap(a);
        for (int lba = 0; lba < a.externalNlba; lba++) {
            int block = BttMapEntry.block(a.map[lba], lba);
            if (block >= a.internalNlba) {
                problem(Kind.MAP_RANGE, a.number, a.mapOff + (long) lba * BttMapEntry.SIZE, lba,
                        Integer.toUnsignedLong(a.map[lba]), false, "arena " + a.number + ": the map entry of LBA "
                                + hex(lba) + " names block " + hex(block) + ", past the arena's " + a.internalNlba);
            }
        }
        return problems.size() == before && !stopped;
    }

    private int[] readMap(ArenaState a) {
        int[] map = new int[a.externalNlba];
        byte[] chunk = new byte[Math.min(1 << 20, map.length * BttMapEntry.SIZE)];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int lba = 0; lba < map.length; ) {
            int n = Math.min(map.length - lba, chunk.length / BttMapEntry.SIZE);
            ns.get(a.mapOff + (long) lba * BttMapEntry.SIZE, chunk, 0, n * BttMapEntry.SIZE);
            buf.clear();
            buf.asIntBuffer().get(map, lba, n);
            lba += n;
        }
        return map;
    }

    /**
     * {@code btt_check_log_map}: a log entry whose new block is not in the map, while its old block
     * still is, is a write interrupted between its log entry and its map entry. Repair (and Linux's
     * enable) finishes it: the map entry takes the new block.
     */
    private boolean checkLogAgainstMap(ArenaState a) {
        for (int lane = 0; lane < a.nfree; lane++) {
            BttFlog.Entry e = a.current[lane];
            int lba = e.lba();
            int mapped = BttMapEntry.block(a.map[lba], lba);
            int oldBlock = e.oldMap() & BttMapEntry.BLOCK_MASK;
            int newBlock = e.newMap() & BttMapEntry.BLOCK_MASK;
            if (newBlock == mapped || oldBlock != mapped) {
                continue;
            }
            int entry = BttMapEntry.normal(newBlock);
            long at = a.mapOff + (long) lba * BttMapEntry.SIZE;
            BttProblem p = new BttProblem(Kind.INTERRUPTED_WRITE, a.number, at, lba, mapped, true, "arena " + a.number
                    + ": lane " + lane + ": a write of LBA " + hex(lba) + " was interrupted after its log entry: the "
                    + "map still names the old block " + hex(mapped) + ", the log the new block " + hex(newBlock)
                    + (repair ? "; the map entry was updated" : "; repair updates the map entry"));
            a.map[lba] = entry;
            a.fixes.add(new int[] {lba, entry});
            if (repair) {
                ns.putInt(at, entry);
                ns.persist(at, BttMapEntry.SIZE);
                repaired.add(p);
            } else {
                add(p);
            }
        }
        return !stopped;
    }

    /** {@code btt_check_info2}: the backup info block is a copy of the primary one. */
    private boolean checkInfo2(ArenaState a) {
        byte[] info2 = new byte[BttInfoBlock.SIZE];
        ns.get(a.info2Off, info2, 0, info2.length);
        if (!Arrays.equals(info2, a.infoBytes)) {
            BttProblem p = new BttProblem(Kind.INFO2_MISMATCH, a.number, a.info2Off, -1, -1, true, "arena "
                    + a.number + ": the backup info block at offset " + hex(a.info2Off) + " differs from the primary"
                    + (repair ? "; the primary was copied over it" : "; repair copies the primary over it"));
            if (repair) {
                ns.copyAndPersist(a.info2Off, a.infoBytes, 0, a.infoBytes.length);
                repaired.add(p);
            } else {
                add(p);
            }
        }
        return !stopped;
    }

    /**
     * {@code btt_check_bitmap}: the map entries and the lanes' free blocks together name each
     * internal block exactly once.
     */
    private boolean checkBlocks(ArenaState a) {
        long[] named = new long[(a.internalNlba + 63) / 64];
        boolean twice = false;
        for (int lba = 0; lba < a.externalNlba; lba++) {
            twice |= !name(named, BttMapEntry.block(a.map[lba], lba));
        }
        for (int lane = 0; lane < a.nfree; lane++) {
            twice |= !name(named, a.current[lane].oldMap() & BttMapEntry.BLOCK_MASK);
        }
        boolean all = !twice;
        for (int block = 0; block < a.internalNlba && all; block++) {
            all = (named[block >>> 6] & 1L << block) != 0;
        }
        if (all) {
            return true;
        }
        // something is wrong: say which blocks, and who names them
        int[] owner = new int[a.internalNlba]; // an LBA (>= 0), a lane's free block (-2 - lane), nobody (-1)
        Arrays.fill(owner, -1);
        for (int lba = 0; lba < a.externalNlba && !stopped; lba++) {
            int block = BttMapEntry.block(a.map[lba], lba);
            if (owner[block] != -1) {
                twice(a, block, owner[block], "the map entry of LBA " + hex(lba));
            } else {
                owner[block] = lba;
            }
        }
        for (int lane = 0; lane < a.nfree && !stopped; lane++) {
            int block = a.current[lane].oldMap() & BttMapEntry.BLOCK_MASK;
            if (owner[block] != -1) {
                twice(a, block, owner[block], "the free block of lane " + lane);
            } else {
                owner[block] = -2 - lane;
            }
        }
        for (int block = 0; block < a.internalNlba && !stopped; block++) {
            if (owner[block] == -1) {
                problem(Kind.BLOCK_UNREFERENCED, a.number, a.dataOff + (long) block * a.internalLbaSize, block, -1,
                        false, "arena " + a.number + ": internal block " + hex(block)
                                + " is named by no map entry and is no lane's free block");
            }
        }
        return false;
    }

    /** Marks {@code block} named; false when it already was. */
    private static boolean name(long[] named, int block) {
        long bit = 1L << block;
        boolean was = (named[block >>> 6] & bit) != 0;
        named[block >>> 6] |= bit;
        return !was;
    }

    private void twice(ArenaState a, int block, int first, String second) {
        String one = first >= 0 ? "the map entry of LBA " + hex(first) : "the free block of lane " + (-2 - first);
        problem(Kind.BLOCK_TWICE, a.number, a.dataOff + (long) block * a.internalLbaSize, block, -1, false, "arena "
                + a.number + ": internal block " + hex(block) + " is both " + one + " and " + second);
    }

    void problem(Kind kind, int arena, long offset, long index, long value, boolean repairable,
            String message) {
        add(new BttProblem(kind, arena, offset, index, value, repairable, message));
    }

    void add(BttProblem p) {
        if (problems.size() < MAX_PROBLEMS) {
            problems.add(p);
        } else {
            left++;
        }
    }

    void mediaError(MediaErrorException e) {
        problem(Kind.MEDIA_ERROR, -1, e.offset(), -1, -1, false, "a media error at offset " + hex(e.offset())
                + " while reading the BTT's metadata: " + e.getMessage());
        stopped = true;
    }

    /** An arena-relative offset (unsigned on the media) that could lie in the namespace. */
    private boolean within(long relative) {
        return relative >= 0 && relative <= ns.size();
    }

    static String hex(long value) {
        return "0x" + Long.toHexString(value);
    }

    static long roundDown(long value, long unit) {
        return value / unit * unit;
    }
}
