package dev.ocxlpmem.btt.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/** An open BTT: its arenas in order, external LBAs numbered across them ({@code lba_to_arena}). */
final class BttDevice implements Btt {
    private final BttVersion version;
    private final UUID uuid;
    private final UUID parentUuid;
    private final int lbaSize;
    private final int sectorSize;
    private final int sectorShift;
    private final long sectorCount;
    private final BttArena[] arenas;
    private final List<BttInfo> infos;
    private final String name;
    private volatile boolean closed;

    BttDevice(BttVersion version, List<ArenaState> states, Mapping ns) {
        BttInfo first = states.get(0).info;
        this.version = version;
        this.uuid = first.uuid();
        this.parentUuid = first.parentUuid();
        this.lbaSize = (int) first.externalLbaSize();
        this.sectorSize = BttSpec.sectorSize(lbaSize);
        this.sectorShift = Integer.numberOfTrailingZeros(sectorSize);
        this.name = "BTT " + version + " " + uuid;
        this.arenas = new BttArena[states.size()];
        List<BttInfo> list = new ArrayList<>();
        long count = 0;
        for (int i = 0; i < arenas.length; i++) {
            ArenaState a = states.get(i);
            arenas[i] = new BttArena(ns, a, BttSpec.sectorSize(a.externalLbaSize), name);
            list.add(a.info);
            count += a.externalNlba;
        }
        this.sectorCount = count;
        this.infos = List.copyOf(list);
    }

    /** Reads and opens the BTT whose arenas are at most {@code maxArena} bytes (Linux: 512 GiB). */
    static BttDevice open(Mapping ns, UUID parentUuid, BttVersion version, long maxArena) throws BttException {
        return (BttDevice) ArenaReader.read(ns, parentUuid, version, maxArena).open(ns);
    }

    /**
     * Linux's {@code btt_freelist_init}, after the checks: free blocks freed with the error flag
     * are zeroed now (on pmem, writing a block is what clears its poison).
     */
    void clearFreeBlockErrors() {
        for (BttArena a : arenas) {
            a.clearFreeBlockErrors();
        }
    }

    @Override
    public BttVersion version() {
        return version;
    }

    @Override
    public UUID uuid() {
        return uuid;
    }

    @Override
    public UUID parentUuid() {
        return parentUuid;
    }

    @Override
    public int lbaSize() {
        return lbaSize;
    }

    @Override
    public List<BttInfo> arenas() {
        return infos;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public void read(long lba, byte[] dst, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, dst.length);
        long n = sectors(lba, length);
        for (long i = 0; i < n; i++) {
            BttArena a = arena(lba + i);
            a.read((int) (lba + i - a.externalLbaStart), dst, offset + (int) (i << sectorShift), null, lba + i);
        }
    }

    @Override
    public void write(long lba, byte[] src, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, src.length);
        long n = sectors(lba, length);
        for (long i = 0; i < n; i++) {
            BttArena a = arena(lba + i);
            a.write((int) (lba + i - a.externalLbaStart), src, offset + (int) (i << sectorShift), null);
        }
    }

    @Override
    public void read(long lba, ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new java.nio.ReadOnlyBufferException();
        }
        long n = sectors(lba, dst.remaining());
        for (long i = 0; i < n; i++) {
            BttArena a = arena(lba + i);
            a.read((int) (lba + i - a.externalLbaStart), null, 0, dst, lba + i);
        }
    }

    @Override
    public void write(long lba, ByteBuffer src) {
        long n = sectors(lba, src.remaining());
        for (long i = 0; i < n; i++) {
            BttArena a = arena(lba + i);
            a.write((int) (lba + i - a.externalLbaStart), null, 0, src);
        }
    }

    /** The number of sectors in {@code length} bytes from {@code lba}, refused unless whole and on the device. */
    private long sectors(long lba, int length) {
        if (closed) {
            throw new IllegalStateException(name + " is closed");
        }
        if ((length & (sectorSize - 1)) != 0) { // sector sizes are powers of two
            throw new IllegalArgumentException(length + " bytes are not a whole number of " + sectorSize
                    + "-byte sectors of " + name);
        }
        long n = length >>> sectorShift;
        if (lba < 0 || lba > sectorCount - n) {
            throw new IndexOutOfBoundsException("sectors [" + lba + ", " + lba + " + " + n + ") are not on " + name
                    + ", which has " + sectorCount);
        }
        return n;
    }

    private BttArena arena(long lba) {
        for (BttArena a : arenas) {
            if (lba < a.externalLbaStart + a.externalNlba) {
                return a;
            }
        }
        throw new IndexOutOfBoundsException("sector " + lba + " is not on " + name);
    }

    /** For tests: the arenas. */
    BttArena[] arenaList() {
        return arenas;
    }

    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return name + " of namespace " + parentUuid + ": " + sectorCount + " sectors of " + sectorSize + " bytes";
    }
}
