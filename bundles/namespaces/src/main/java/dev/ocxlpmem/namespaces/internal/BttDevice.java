package dev.ocxlpmem.namespaces.internal;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.Btt;
import dev.ocxlpmem.namespaces.BttException;
import dev.ocxlpmem.namespaces.BttInfo;
import dev.ocxlpmem.namespaces.BttProblem;
import dev.ocxlpmem.namespaces.BttSpec;
import dev.ocxlpmem.namespaces.BttVersion;

/** An open BTT: its arenas in order, external LBAs numbered across them ({@code lba_to_arena}). */
public final class BttDevice implements Btt {
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

    private BttDevice(BttVersion version, List<BttCheck.ArenaState> states, Mapping ns) {
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
            BttCheck.ArenaState a = states.get(i);
            arenas[i] = new BttArena(ns, a, BttSpec.sectorSize(a.externalLbaSize), name);
            list.add(a.info);
            count += a.externalNlba;
        }
        this.sectorCount = count;
        this.infos = List.copyOf(list);
    }

    /** See {@link Btt#open}. */
    public static Btt open(Mapping ns, UUID parentUuid, BttVersion version) throws BttException {
        return open(ns, parentUuid, version, BttLayout.ARENA_MAX_SIZE);
    }

    static BttDevice open(Mapping ns, UUID parentUuid, BttVersion version, long maxArena) throws BttException {
        Objects.requireNonNull(ns, "namespace");
        Objects.requireNonNull(parentUuid, "parentUuid");
        Objects.requireNonNull(version, "version");
        BttCheck check = BttCheck.forOpen(ns, parentUuid, version, maxArena);
        List<BttProblem> problems = check.result().problems();
        List<BttProblem> bad = new ArrayList<>();
        for (BttProblem p : problems) {
            if (p.kind() != BttProblem.Kind.INTERRUPTED_WRITE) {
                bad.add(p);
            }
        }
        if (!bad.isEmpty()) {
            throw new BttException("the BTT " + version + " of namespace " + parentUuid + " does not verify: "
                    + bad.get(0).message() + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more problems)" : ""),
                    problems);
        }
        // the recovery Linux runs when it enables the namespace (btt_freelist_init)
        for (BttCheck.ArenaState a : check.arenas) {
            for (int[] fix : a.fixes) {
                long at = a.mapOff + (long) fix[0] * BttMapEntry.SIZE;
                ns.putInt(at, fix[1]);
                ns.persist(at, BttMapEntry.SIZE);
            }
        }
        BttDevice device = new BttDevice(version, check.arenas, ns);
        for (BttArena a : device.arenas) {
            a.clearFreeBlockErrors();
        }
        return device;
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
