package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.memory.MediaErrorException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;

/**
 * A {@link Mapping} over a {@link Region}: the region itself, or a slice of it.
 *
 * <p>Every access: bounds check in 64-bit arithmetic (before anything is touched), closed check,
 * the access through a {@code ByteBuffer} view, then {@link Faults#deliver()} inside the same
 * {@code try}, so that a fault is reported here, as {@link MediaErrorException} with its offset
 * (or {@link MappingClosedException} when the mapping was closed under the access).
 *
 * <p>Bulk accesses are cut into pieces of at most {@link #PIECE} bytes that do not cross a
 * chunk; each piece is checked for faults, and a faulting piece is replayed page by page to find
 * the first faulting page. Bulk accesses and {@link #persist} hold a reference on the region, so
 * {@link #close()} waits for them.
 */
final class MmapMapping implements Mapping {

    /**
     * Whether single-value accesses ({@code getLong} and the like) are also checked for faults at
     * once (the default). That costs a VM transition per access (about 30 ns, and it serializes
     * independent loads). With {@code -Ddev.ocxlpmem.memory.fastSingleValues=true} they run at
     * {@code MappedByteBuffer} speed but a media fault under one of them is only reported as
     * HotSpot does it: the access yields an undefined value and an {@link InternalError} is thrown
     * later, at the thread's next VM transition. Closing stays safe in both modes; bulk accesses
     * are always checked.
     */
    static final boolean CHECK_SINGLE_VALUES = !Boolean.getBoolean("dev.ocxlpmem.memory.fastSingleValues");

    /** Bulk accesses are checked for faults every this many bytes. */
    static final int PIECE = 1 << 20;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final Region region;
    /** Offset of this mapping's byte 0 in the region. */
    private final long base;
    private final long size;
    private final String description;
    /** The mapping {@link MmapMemoryProvider#map} returned, whose close unmaps; not a slice. */
    private final boolean root;
    /** The region's only view when it has one chunk (up to 1 GiB): one load less per access. */
    private final ByteBuffer onlyView;
    private volatile boolean closed;

    MmapMapping(Region region) {
        this(region, 0, region.size, region.description, true);
        region.register(this);
    }

    private MmapMapping(Region region, long base, long size, String description, boolean root) {
        this.region = region;
        this.base = base;
        this.size = size;
        this.description = description;
        this.root = root;
        this.onlyView = region.views.length == 1 ? region.views[0] : null;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isPersistentMemory() {
        return region.pmem;
    }

    // ---- single values -------------------------------------------------------------------

    @Override
    public byte getByte(long offset) {
        checkIndex(offset, 1);
        long p = position(offset);
        try {
            byte value = view(p).get(index(p));
            afterSingle();
            return value;
        } catch (InternalError e) {
            throw fault(offset, 1, false, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void putByte(long offset, byte value) {
        checkIndex(offset, 1);
        long p = position(offset);
        try {
            view(p).put(index(p), value);
            afterSingle();
        } catch (InternalError e) {
            throw fault(offset, 1, true, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public short getShort(long offset) {
        checkIndex(offset, 2);
        long p = position(offset);
        try {
            short value = view(p).getShort(index(p));
            afterSingle();
            return value;
        } catch (InternalError e) {
            throw fault(offset, 2, false, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void putShort(long offset, short value) {
        checkIndex(offset, 2);
        long p = position(offset);
        try {
            view(p).putShort(index(p), value);
            afterSingle();
        } catch (InternalError e) {
            throw fault(offset, 2, true, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public int getInt(long offset) {
        checkIndex(offset, 4);
        long p = position(offset);
        try {
            int value = view(p).getInt(index(p));
            afterSingle();
            return value;
        } catch (InternalError e) {
            throw fault(offset, 4, false, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void putInt(long offset, int value) {
        checkIndex(offset, 4);
        long p = position(offset);
        try {
            view(p).putInt(index(p), value);
            afterSingle();
        } catch (InternalError e) {
            throw fault(offset, 4, true, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public long getLong(long offset) {
        checkIndex(offset, 8);
        long p = position(offset);
        try {
            long value = view(p).getLong(index(p));
            afterSingle();
            return value;
        } catch (InternalError e) {
            throw fault(offset, 8, false, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void putLong(long offset, long value) {
        checkIndex(offset, 8);
        long p = position(offset);
        try {
            view(p).putLong(index(p), value);
            afterSingle();
        } catch (InternalError e) {
            throw fault(offset, 8, true, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    // ---- bulk ----------------------------------------------------------------------------

    @Override
    public void get(long offset, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        checkRange(offset, length);
        bulk(offset, length, false, (view, index, done, n) -> view.get(index, dst, dstOffset + (int) done, n));
    }

    @Override
    public void put(long offset, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        checkRange(offset, length);
        bulk(offset, length, true, (view, index, done, n) -> view.put(index, src, srcOffset + (int) done, n));
    }

    @Override
    public void get(long offset, ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int length = dst.remaining();
        checkRange(offset, length);
        int start = dst.position();
        bulk(offset, length, false, (view, index, done, n) -> dst.put(start + (int) done, view, index, n));
        dst.position(start + length);
    }

    @Override
    public void put(long offset, ByteBuffer src) {
        int length = src.remaining();
        checkRange(offset, length);
        int start = src.position();
        bulk(offset, length, true, (view, index, done, n) -> view.put(index, src, start + (int) done, n));
        src.position(start + length);
    }

    @Override
    public void fill(long offset, long length, byte value) {
        checkRange(offset, length);
        byte[] pattern;
        if (value == 0) {
            pattern = ZEROS;
        } else {
            pattern = new byte[(int) Math.min(length, ZEROS.length)];
            java.util.Arrays.fill(pattern, value);
        }
        bulk(offset, length, true, (view, index, done, n) -> {
            for (int i = 0; i < n; i += pattern.length) {
                view.put(index + i, pattern, 0, Math.min(pattern.length, n - i));
            }
        });
    }

    @Override
    public Mapping slice(long offset, long length) {
        checkRange(offset, length);
        checkOpen();
        MmapMapping slice = new MmapMapping(region, base + offset, length,
                "slice [" + offset + ", " + (offset + length) + ") of " + description, false);
        if (!region.register(slice)) {
            throw closedException();
        }
        return slice;
    }

    @Override
    public void persist(long offset, long length) {
        checkRange(offset, length);
        checkOpen();
        if (length == 0) {
            return;
        }
        region.acquire();
        try {
            region.persist(base + offset, length);
        } finally {
            region.release();
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void copyAndPersist(long offset, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        checkRange(offset, length);
        put(offset, src, srcOffset, length);
        persist(offset, length);
    }

    /** Called by the region when it closes, before it releases the file. */
    void markClosed() {
        closed = true;
    }

    @Override
    public void close() {
        closed = true;
        if (root) {
            region.close();
        }
    }

    /**
     * Native address of {@code offset}, for benchmarks that compare with libc on the same memory.
     * Not for data: a fault there kills the JVM.
     */
    long address(long offset) {
        checkIndex(offset, 0);
        return region.address + base + offset;
    }

    @Override
    public String toString() {
        return description + (region.pmem ? " (persistent memory)" : "");
    }

    // ---- helpers -------------------------------------------------------------------------

    /** One piece of a bulk access: {@code n} bytes at {@code index} of {@code view}, {@code done} bytes in. */
    @FunctionalInterface
    private interface Piece {
        void run(ByteBuffer view, int index, long done, int n);
    }

    private void bulk(long offset, long length, boolean write, Piece piece) {
        checkOpen();
        if (length == 0) {
            return;
        }
        Region r = region;
        r.acquire();
        try {
            long done = 0;
            while (done < length) {
                long p = base + offset + done;
                int index = (int) (p & Region.CHUNK_MASK);
                int n = (int) Math.min(length - done, Math.min(PIECE, Region.CHUNK - index));
                try {
                    piece.run(r.views[(int) (p >>> Region.CHUNK_SHIFT)], index, done, n);
                    Faults.deliver();
                } catch (InternalError e) {
                    throw locate(offset, done, n, write, piece, e);
                }
                done += n;
            }
        } finally {
            r.release();
            Reference.reachabilityFence(this);
        }
    }

    /** Replays a faulting piece page by page: the first page that faults again is the one reported. */
    private RuntimeException locate(long offset, long done, int n, boolean write, Piece piece, InternalError first) {
        long pageSize = region.pageSize;
        long end = done + n;
        long at = done;
        while (at < end) {
            long p = base + offset + at;
            long nextPage = ((region.address + p) & -pageSize) + pageSize - region.address;
            int m = (int) Math.min(end - at, nextPage - p);
            try {
                piece.run(region.views[(int) (p >>> Region.CHUNK_SHIFT)], (int) (p & Region.CHUNK_MASK), at, m);
                Faults.deliver();
            } catch (InternalError e) {
                e.addSuppressed(first);
                return fault(offset + at, m, write, e);
            }
            at += m;
        }
        return fault(offset + done, n, write, first);
    }

    /**
     * After a single-value access, inside its {@code try}: delivers a fault of that access now,
     * or, in fast mode, detects only a close that raced with it (the access then hit the
     * placeholder: its fault is taken here so that it does not surface later).
     */
    private void afterSingle() {
        if (CHECK_SINGLE_VALUES) {
            Faults.deliver();
        } else if (closed) {
            Faults.absorb();
            throw closedException();
        }
    }

    private RuntimeException fault(long offset, long length, boolean write, InternalError e) {
        if (closed || region.closed) {
            MappingClosedException closedException = closedException();
            closedException.initCause(e);
            return closedException;
        }
        return new MediaErrorException(offset, "media error " + (write ? "writing " : "reading ") + length
                + " bytes at offset " + offset + " of " + description + ": " + e.getMessage(), e);
    }

    /**
     * Position in the region of a single-value access. In fast mode the closed flag is read only
     * after the access ({@link #afterSingle}): an access to a closed mapping hits the placeholder,
     * which is slow but correct, and keeps one flag read per access instead of two.
     */
    private long position(long offset) {
        if (CHECK_SINGLE_VALUES && closed) {
            throw closedException();
        }
        return base + offset;
    }

    private void checkOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private MappingClosedException closedException() {
        return new MappingClosedException(description + " is closed");
    }

    private ByteBuffer view(long p) {
        ByteBuffer only = onlyView;
        return only != null ? only : region.views[(int) (p >>> Region.CHUNK_SHIFT)];
    }

    private static int index(long p) {
        return (int) (p & Region.CHUNK_MASK);
    }

    private void checkIndex(long offset, int width) {
        if (offset < 0 || offset > size - width) {
            throw new IndexOutOfBoundsException("offset " + offset + " + " + width + " bytes is outside " + description
                    + " of " + size + " bytes");
        }
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("range of " + length + " bytes at offset " + offset + " is outside "
                    + description + " of " + size + " bytes");
        }
    }
}
