package dev.ocxlpmem.btt.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;

import dev.ocxlpmem.btt.BttSectorErrorException;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MediaErrorException;

/**
 * One open BTT arena: sector reads and writes as Linux's {@code btt_read_pg} and
 * {@code btt_write_pg} do them ({@code drivers/nvdimm/btt.c}).
 *
 * <p>A write goes to its lane's free block, then names the new block in the lane's log entry, then
 * in the map; each step is persisted before the next, so a crash leaves the old block mapped, or a
 * log entry that recovery finishes ({@link VerifiedArenas#open}), or the new block mapped. The old block
 * becomes the lane's free block. The log entry is written as two 8-byte stores, {@code lba} and
 * {@code old_map} first, {@code new_map} and {@code seq} second, and persisted once: both halves
 * lie in one 64-byte group (the log is 64-byte aligned, {@link ArenaReader} enforces it), and stores
 * to one cache line reach the media in program order, so a crash can leave the first half without
 * the second (the entry still reads as the older one, by its sequence number) but never the
 * second without the first. Linux instead persists each half on its own.
 *
 * <p>Concurrency, as Linux's lanes: a writer holds a lane (its free block) for the whole write;
 * writers to map entries in one 64-byte line of the map take that line's lock ({@code lock_map}).
 * Where Linux keeps a read tracking table ({@code rtt}) so that a writer waits before it reuses a
 * block someone still reads, here each internal block has a sequence number that a writer makes
 * odd while it fills the block and even when done, and a reader checks it around its copy (a
 * seqlock): a reader that raced with a reuse of its block reads again, readers write nothing
 * shared, and writers never wait for them. The map is also kept in memory, the media's copy
 * updated (and persisted) before the memory one: reads look up the memory copy.
 */
final class BttArena {
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    /** A lane: its free block and the log slot and sequence number of its next entry ({@code free_entry}). */
    static final class Lane {
        final ReentrantLock lock = new ReentrantLock();
        final int number;
        int block;
        /** Which of the two log slots the next entry overwrites (the older one). */
        int sub;
        int seq;
        /** The free block was freed with the error flag: it is zeroed before reuse. */
        boolean hasError;

        Lane(int number) {
            this.number = number;
        }
    }

    final int number;
    final long externalLbaStart;
    final int externalNlba;
    final int internalNlba;
    final int internalLbaSize;
    final int sectorSize;
    private final Mapping ns;
    private final String device;
    private final long dataOff;
    private final long mapOff;
    private final long logOff;
    private final int[] slots;
    private final int[] map;
    private final Lane[] lanes;
    private final Object[] mapLocks;
    /** Per internal block: odd while a writer fills it. */
    private final int[] generation;
    /** Why writes are refused: a write failed after its data, so memory and media may disagree. */
    private volatile String broken;

    /** The arena a verified {@link ArenaState} describes (its interrupted writes finished). */
    BttArena(Mapping ns, ArenaState a, int sectorSize, String device) {
        this.ns = ns;
        this.device = device;
        this.number = a.number;
        this.externalLbaStart = a.externalLbaStart;
        this.externalNlba = a.externalNlba;
        this.internalNlba = a.internalNlba;
        this.internalLbaSize = a.internalLbaSize;
        this.sectorSize = sectorSize;
        this.dataOff = a.dataOff;
        this.mapOff = a.mapOff;
        this.logOff = a.logOff;
        this.slots = a.slots;
        this.map = a.map;
        this.generation = new int[a.internalNlba];
        this.lanes = new Lane[a.nfree];
        this.mapLocks = new Object[a.nfree];
        for (int i = 0; i < a.nfree; i++) {
            BttFlog.Entry e = a.current[i];
            Lane lane = new Lane(i);
            lane.block = e.oldMap() & BttMapEntry.BLOCK_MASK;
            lane.sub = 1 - a.currentSlot[i];
            lane.seq = BttFlog.nextSeq(e.seq());
            lane.hasError = BttMapEntry.isError(e.oldMap());
            lanes[i] = lane;
            mapLocks[i] = new Object();
        }
    }

    /**
     * Linux's {@code btt_freelist_init}, after the checks: free blocks freed with the error flag
     * are zeroed now (on pmem, writing a block is what clears its poison).
     */
    void clearFreeBlockErrors() {
        for (Lane lane : lanes) {
            if (lane.hasError) {
                clearFreeBlock(lane);
            }
        }
    }

    // ---- reads ---------------------------------------------------------------------------

    /**
     * Reads sector {@code lba} of this arena into {@code dst} at {@code at}, or into {@code buffer}
     * at its position when {@code dst} is null. {@code deviceLba} names it in errors.
     */
    void read(int lba, byte[] dst, int at, ByteBuffer buffer, long deviceLba) {
        // the common case first, small enough for the JIT to inline into the caller: a normal entry
        // whose block nobody fills; everything else (and a race) takes the general loop below
        int entry = (int) INTS.getAcquire(map, lba);
        if (dst != null && (entry & BttMapEntry.NORMAL) == BttMapEntry.NORMAL) {
            int block = entry & BttMapEntry.BLOCK_MASK;
            int g = (int) INTS.getAcquire(generation, block);
            if ((g & 1) == 0 && (int) INTS.getAcquire(map, lba) == entry) {
                try {
                    ns.get(dataOff + (long) block * internalLbaSize, dst, at, sectorSize);
                } catch (MediaErrorException e) {
                    markError(lba, entry);
                    throw sectorError(deviceLba, e);
                }
                VarHandle.acquireFence();
                if ((int) INTS.getOpaque(generation, block) == g) {
                    return;
                }
            }
        }
        readAny(lba, dst, at, buffer, deviceLba);
    }

    /** {@link #read} for any map entry and any buffer, looking again until it reads a block no fill overlapped. */
    private void readAny(int lba, byte[] dst, int at, ByteBuffer buffer, long deviceLba) {
        int start = buffer == null ? 0 : buffer.position();
        for (int entry = (int) INTS.getAcquire(map, lba); ; entry = (int) INTS.getAcquire(map, lba)) {
            if (BttMapEntry.isZero(entry)) {
                zero(dst, at, buffer);
                return;
            }
            if (BttMapEntry.isError(entry)) {
                throw sectorError(deviceLba, null);
            }
            int block = BttMapEntry.block(entry, lba);
            int g = (int) INTS.getAcquire(generation, block);
            if ((g & 1) != 0 || (int) INTS.getAcquire(map, lba) != entry) {
                Thread.onSpinWait(); // being filled, or no longer this sector's: look again
                continue;
            }
            // the block is this sector's (the map named it after the generation was read, so its last
            // fill was for this sector) and not being filled: copy it, then make sure no fill began since
            try {
                copyOut(dataOff + (long) block * internalLbaSize, dst, at, buffer);
            } catch (MediaErrorException e) {
                markError(lba, entry);
                throw sectorError(deviceLba, e);
            }
            VarHandle.acquireFence();
            if ((int) INTS.getOpaque(generation, block) == g) {
                return;
            }
            if (buffer != null) {
                buffer.position(start);
            }
        }
    }

    private void copyOut(long at, byte[] dst, int dstAt, ByteBuffer buffer) {
        if (dst != null) {
            ns.get(at, dst, dstAt, sectorSize);
            return;
        }
        int limit = buffer.limit();
        buffer.limit(buffer.position() + sectorSize);
        try {
            ns.get(at, buffer);
        } finally {
            buffer.limit(limit);
        }
    }

    /** A writer about to change a free block's data: readers that raced into it will read again. */
    private int beginFill(int block) {
        int g = generation[block] + 1;
        INTS.setOpaque(generation, block, g);
        VarHandle.storeStoreFence(); // odd before any of the new data
        return g;
    }

    private void endFill(int block, int g) {
        INTS.setRelease(generation, block, g + 1); // the data before the even number
    }

    /** After a media error reading a sector: Linux sets the map entry's error flag ({@code btt_read_pg}). */
    private void markError(int lba, int entry) {
        synchronized (mapLock(lba)) {
            if ((int) INTS.getVolatile(map, lba) != entry) {
                return; // rewritten meanwhile: the new block is another one
            }
            int marked = BttMapEntry.error(BttMapEntry.block(entry, lba));
            try {
                writeMapEntry(lba, marked);
            } catch (RuntimeException e) {
                return; // as Linux: the flag could not be recorded; the read fails all the same
            }
        }
    }

    // ---- writes --------------------------------------------------------------------------

    /** Writes sector {@code lba} from {@code src} at {@code at}, or from {@code buffer} when {@code src} is null. */
    void write(int lba, byte[] src, int at, ByteBuffer buffer) {
        String why = broken;
        if (why != null) {
            throw new IllegalStateException(why);
        }
        Lane lane = acquireLane();
        try {
            if (lane.hasError) {
                clearFreeBlock(lane);
            }
            int block = lane.block;
            int g = beginFill(block);
            try {
                writeData(dataOff + (long) block * internalLbaSize, src, at, buffer);
            } catch (MediaErrorException e) {
                lane.hasError = true; // zeroed (and so repaired, on pmem) before its next use
                throw e;
            } finally {
                endFill(block, g);
            }
            boolean freedInError;
            synchronized (mapLock(lba)) {
                try {
                    int old = map[lba];
                    int oldBlock = BttMapEntry.block(old, lba);
                    freedInError = BttMapEntry.isError(old);
                    writeLogEntry(lane, new BttFlog.Entry(lba, freedInError ? BttMapEntry.error(oldBlock) : oldBlock,
                            block, lane.seq));
                    lane.sub = 1 - lane.sub;
                    lane.seq = BttFlog.nextSeq(lane.seq);
                    lane.block = oldBlock;
                    lane.hasError = freedInError;
                    writeMapEntry(lba, BttMapEntry.normal(block));
                } catch (RuntimeException e) {
                    broken = "arena " + number + " of " + device + " refuses writes: a write of sector "
                            + (externalLbaStart + lba) + " failed after its data was written (" + e.getMessage()
                            + "); open the BTT again to recover";
                    throw e;
                }
            }
            if (freedInError) {
                try {
                    clearFreeBlock(lane);
                } catch (RuntimeException e) {
                    // the write is done; the block is cleared again before the lane reuses it
                }
            }
        } finally {
            lane.lock.unlock();
        }
    }

    /** A lane of this arena: the calling thread's own if free, else any free one, else waits for its own. */
    private Lane acquireLane() {
        int n = lanes.length;
        int own = (int) (Thread.currentThread().getId() % n);
        for (int i = 0; i < n; i++) {
            Lane lane = lanes[(own + i) % n];
            if (lane.lock.tryLock()) {
                return lane;
            }
        }
        Lane lane = lanes[own];
        lane.lock.lock();
        return lane;
    }

    private Object mapLock(int lba) {
        // one lock per 64-byte line of the map, as lock_map does
        return mapLocks[(lba >>> 4) % mapLocks.length];
    }

    private void writeData(long at, byte[] src, int srcAt, ByteBuffer buffer) {
        if (src != null) {
            ns.copyAndPersist(at, src, srcAt, sectorSize);
            return;
        }
        int limit = buffer.limit();
        buffer.limit(buffer.position() + sectorSize);
        try {
            ns.put(at, buffer);
        } finally {
            buffer.limit(limit);
        }
        ns.persist(at, sectorSize);
    }

    /** The lane's next log entry goes to the older of its two slots ({@code __btt_log_write}). */
    private void writeLogEntry(Lane lane, BttFlog.Entry e) {
        long at = logOff + (long) lane.number * BttFlog.GROUP_SIZE + slots[lane.sub] * BttFlog.ENTRY_SIZE;
        ns.putLong(at, e.firstHalf());
        VarHandle.storeStoreFence(); // the second half never reaches memory before the first
        ns.putLong(at + 8, e.secondHalf());
        ns.persist(at, BttFlog.ENTRY_SIZE);
    }

    /** The media's map entry, persisted, then the memory copy readers use. */
    private void writeMapEntry(int lba, int entry) {
        long at = mapOff + (long) lba * BttMapEntry.SIZE;
        ns.putInt(at, entry);
        ns.persist(at, BttMapEntry.SIZE);
        INTS.setVolatile(map, lba, entry);
    }

    /** Zeroes the lane's free block that was freed in error ({@code arena_clear_freelist_error}). */
    private void clearFreeBlock(Lane lane) {
        long at = dataOff + (long) lane.block * internalLbaSize;
        int g = beginFill(lane.block);
        try {
            ns.fill(at, sectorSize, (byte) 0);
            ns.persist(at, sectorSize);
        } finally {
            endFill(lane.block, g);
        }
        lane.hasError = false;
    }

    private void zero(byte[] dst, int at, ByteBuffer buffer) {
        if (dst != null) {
            Arrays.fill(dst, at, at + sectorSize, (byte) 0);
        } else {
            for (int i = 0; i < sectorSize; i++) {
                buffer.put((byte) 0);
            }
        }
    }

    private BttSectorErrorException sectorError(long deviceLba, Throwable cause) {
        return new BttSectorErrorException(deviceLba, deviceLba * sectorSize, sectorSize, "sector " + deviceLba + " of " + device
                + " is lost to a media error (its map entry has the error flag); writing the sector clears it",
                cause);
    }

    /** The raw map entries as readers see them (for tests). */
    int[] mapEntries() {
        VarHandle.acquireFence();
        return map.clone();
    }
}
