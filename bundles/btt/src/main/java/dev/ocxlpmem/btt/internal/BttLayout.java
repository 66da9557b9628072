package dev.ocxlpmem.btt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttGeometry;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/**
 * How Linux cuts a namespace into BTT arenas and lays each out ({@code create_arenas},
 * {@code alloc_arena} and {@code btt_arena_write_layout} in {@code drivers/nvdimm/btt.c}), and the
 * writing of a fresh BTT.
 *
 * <p>An arena: info block, data blocks, map, log (flog), backup info block. Every region is 4 KiB
 * aligned; the map gets one 4-byte entry per external block, rounded up to 4 KiB; the log one
 * 64-byte group per lane.
 */
final class BttLayout {
    static final long ARENA_MIN_SIZE = 1L << 24;
    static final long ARENA_MAX_SIZE = 1L << 39;
    /** {@code BTT_PG_SIZE}. */
    static final int PAGE = 4096;
    /** {@code BTT_DEFAULT_NFREE}: {@code ND_MAX_LANES}, one free block per lane. */
    static final int NFREE = 256;
    /** {@code INT_LBASIZE_ALIGNMENT} (nd.h): internal blocks are 64-byte multiples. */
    static final int INTERNAL_LBASIZE_ALIGNMENT = 64;

    /** One arena's plan, offsets relative to the arena's start as its info block records them. */
    record Arena(long start, long size, long nextOff, int internalLbaSize, int internalNlba, int externalNlba,
            long dataOff, long mapOff, long logOff, long info2Off) {
    }

    private BttLayout() {
    }

    /** See {@link dev.ocxlpmem.btt.BttDriver#geometry}. */
    static BttGeometry geometry(long namespaceSize, int lbaSize, BttVersion version) {
        List<Arena> arenas = plan(namespaceSize, lbaSize, version, ARENA_MAX_SIZE);
        long sectors = 0;
        for (Arena a : arenas) {
            sectors += a.externalNlba();
        }
        return new BttGeometry(version, lbaSize, BttSpec.sectorSize(lbaSize), sectors, arenas.size());
    }

    /**
     * The arenas of a BTT over {@code namespaceSize} bytes: arenas of {@code maxArena} bytes (Linux:
     * 512 GiB), the last one the rest, dropped when under 16 MiB.
     */
    static List<Arena> plan(long namespaceSize, int lbaSize, BttVersion version, long maxArena) {
        Objects.requireNonNull(version, "version");
        if (!BttSpec.LBA_SIZES.contains(lbaSize)) {
            throw new IllegalArgumentException("sector size " + lbaSize + " is not supported by a BTT: use one of "
                    + BttSpec.LBA_SIZES);
        }
        long raw = namespaceSize - version.offset();
        if (namespaceSize < 0 || raw < ARENA_MIN_SIZE) {
            throw new IllegalArgumentException("a BTT " + version + " needs a namespace of at least "
                    + (ARENA_MIN_SIZE + version.offset()) + " bytes (16 MiB after its offset of " + version.offset()
                    + "); this one has " + namespaceSize);
        }
        int internalLbaSize = (lbaSize + INTERNAL_LBASIZE_ALIGNMENT - 1) / INTERNAL_LBASIZE_ALIGNMENT
                * INTERNAL_LBASIZE_ALIGNMENT;
        List<Arena> arenas = new ArrayList<>();
        long remaining = raw;
        long start = 0;
        while (remaining > 0) {
            long size = Math.min(maxArena, remaining);
            remaining -= size;
            if (size < ARENA_MIN_SIZE) {
                break;
            }
            arenas.add(arena(start, size, remaining >= ARENA_MIN_SIZE ? size : 0, internalLbaSize));
            start += size;
        }
        return arenas;
    }

    /** {@code alloc_arena}: the split between data and map that fits the most blocks. */
    private static Arena arena(long start, long size, long nextOff, int internalLbaSize) {
        long available = size - size % PAGE;
        available -= 2 * PAGE; // the info block and its backup
        long logSize = roundUp((long) NFREE * BttFlog.GROUP_SIZE, PAGE);
        available -= logSize;
        int internalNlba = (int) ((available - PAGE) / (internalLbaSize + BttMapEntry.SIZE));
        int externalNlba = internalNlba - NFREE;
        long mapSize = roundUp((long) externalNlba * BttMapEntry.SIZE, PAGE);
        long dataSize = available - mapSize;
        long dataOff = PAGE;
        long mapOff = dataOff + dataSize;
        long logOff = mapOff + mapSize;
        long info2Off = logOff + logSize;
        return new Arena(start, size, nextOff, internalLbaSize, internalNlba, externalNlba, dataOff, mapOff, logOff,
                info2Off);
    }

    /**
     * Writes a fresh BTT, each step persisted before the next: clear the info blocks the new
     * layout will have (and a BTT info block of the other version), zero the map (the identity
     * mapping), write the log (one entry per lane naming its free block), write the backup info
     * blocks, then the primary ones. A crash before the last step leaves no valid primary info
     * block: no BTT, never a half-written one.
     */
    static Btt format(Mapping ns, BttSpec spec, long maxArena) throws BttException {
        Objects.requireNonNull(ns, "namespace");
        Objects.requireNonNull(spec, "spec");
        BttVersion version = spec.version();
        List<Arena> arenas = plan(ns.size(), spec.lbaSize(), version, maxArena);
        long base = version.offset();
        for (Arena a : arenas) {
            clearInfoBlock(ns, base + a.start());
            clearInfoBlock(ns, base + a.start() + a.info2Off());
        }
        for (BttVersion other : BttVersion.values()) {
            byte[] b = BttInfoBlock.read(ns, other.offset());
            if (other != version && b != null && BttInfoBlock.hasSignature(b)) {
                clearInfoBlock(ns, other.offset());
            }
        }
        for (Arena a : arenas) {
            long at = base + a.start();
            ns.fill(at + a.mapOff(), a.logOff() - a.mapOff(), (byte) 0);
            ns.persist(at + a.mapOff(), a.logOff() - a.mapOff());
            byte[] log = BttFlog.initialLog((int) (a.info2Off() - a.logOff()), NFREE, a.externalNlba());
            ns.copyAndPersist(at + a.logOff(), log, 0, log.length);
        }
        for (Arena a : arenas) {
            ns.copyAndPersist(base + a.start() + a.info2Off(), infoBlock(spec, a), 0, BttInfoBlock.SIZE);
        }
        for (Arena a : arenas) {
            ns.copyAndPersist(base + a.start(), infoBlock(spec, a), 0, BttInfoBlock.SIZE);
        }
        return BttDevice.open(ns, spec.parentUuid(), version, maxArena);
    }

    static byte[] infoBlock(BttSpec spec, Arena a) {
        return BttInfoBlock.encode(new BttInfo(0, "BTT_ARENA_INFO", spec.uuid(), spec.parentUuid(), 0,
                spec.version().major(), spec.version().minor(), spec.lbaSize(), a.externalNlba(), a.internalLbaSize(),
                a.internalNlba(), NFREE, BttInfoBlock.SIZE, a.nextOff(), a.dataOff(), a.mapOff(), a.logOff(),
                a.info2Off(), 0, true));
    }

    private static void clearInfoBlock(Mapping ns, long offset) {
        ns.fill(offset, BttInfoBlock.SIZE, (byte) 0);
        ns.persist(offset, BttInfoBlock.SIZE);
    }

    static long roundUp(long value, long unit) {
        return (value + unit - 1) / unit * unit;
    }
}
