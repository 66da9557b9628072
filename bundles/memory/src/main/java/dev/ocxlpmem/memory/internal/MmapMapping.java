package dev.ocxlpmem.memory.internal;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.ocxlpmem.memory.CheckedView;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.memory.MediaErrorException;
import java.lang.ref.Reference;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.Objects;
import java.util.function.Function;

/**
 * A {@link Mapping} over a {@link Region}: the region itself, or a slice of it.
 *
 * <p>Every single-value access: bounds check in 64-bit arithmetic (before anything is touched),
 * closed check, the access at its native address ({@link RawMemory}), then {@link Faults#check()}
 * inside the same {@code try}, so that a fault is reported here, as {@link MediaErrorException}
 * with its offset (or {@link MappingClosedException} when the mapping was closed under the
 * access). A check that finds a fault tries the access once more: if that succeeds, the fault
 * was an earlier unchecked access's (a {@link CheckedView}'s: see {@link #giveBack}).
 *
 * <p>Bulk accesses are cut into pieces of at most {@link #PIECE} bytes; each piece is checked for
 * faults, and a faulting piece is replayed page by page to find the first faulting page.
 * {@link #persist} holds a reference on the region, so {@link #close()} waits for it.
 */
final class MmapMapping implements Mapping {

    /** Bulk accesses are checked for faults every this many bytes. */
    static final int PIECE = 1 << 20;
    private static final byte[] ZEROS = new byte[64 * 1024];

    private final Region region;
    /** Offset of this mapping's byte 0 in the region. */
    private final long base;
    /** Native address of this mapping's byte 0. */
    private final long address;
    private final long size;
    private final String description;
    /** The mapping {@link MmapMemoryProvider#map} returned, whose close unmaps; not a slice. */
    private final boolean root;
    private volatile boolean closed;

    MmapMapping(Region region) {
        this(region, 0, region.size, region.description, true);
        region.register(this);
    }

    private MmapMapping(Region region, long base, long size, String description, boolean root) {
        this.region = region;
        this.base = base;
        this.address = region.address + base;
        this.size = size;
        this.description = description;
        this.root = root;
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
        long at = at(offset, 1);
        try {
            byte value = RawMemory.getByte(at);
            Faults.check();
            return value;
        } catch (InternalError e) {
            return (byte) again(offset, 1, false, 0, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void putByte(long offset, byte value) {
        long at = at(offset, 1);
        try {
            RawMemory.putByte(at, value);
            Faults.check();
        } catch (InternalError e) {
            again(offset, 1, true, value, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public short getShort(long offset) {
        long at = at(offset, 2);
        try {
            short value = RawMemory.getShort(at);
            Faults.check();
            return value;
        } catch (InternalError e) {
            return (short) again(offset, 2, false, 0, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void putShort(long offset, short value) {
        long at = at(offset, 2);
        try {
            RawMemory.putShort(at, value);
            Faults.check();
        } catch (InternalError e) {
            again(offset, 2, true, value, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public int getInt(long offset) {
        long at = at(offset, 4);
        try {
            int value = RawMemory.getInt(at);
            Faults.check();
            return value;
        } catch (InternalError e) {
            return (int) again(offset, 4, false, 0, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void putInt(long offset, int value) {
        long at = at(offset, 4);
        try {
            RawMemory.putInt(at, value);
            Faults.check();
        } catch (InternalError e) {
            again(offset, 4, true, value, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public long getLong(long offset) {
        long at = at(offset, 8);
        try {
            long value = RawMemory.getLong(at);
            Faults.check();
            return value;
        } catch (InternalError e) {
            return again(offset, 8, false, 0, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    @Override
    public void putLong(long offset, long value) {
        long at = at(offset, 8);
        try {
            RawMemory.putLong(at, value);
            Faults.check();
        } catch (InternalError e) {
            again(offset, 8, true, value, e);
        } finally {
            Reference.reachabilityFence(this);
        }
    }

    /**
     * A single access whose check found a fault: the mapping was closed under it, the access
     * itself faulted, or an earlier unchecked one did. Tried once more to tell which.
     */
    private long again(long offset, int width, boolean write, long value, InternalError first) {
        if (isClosed()) {
            throw closedException(first);
        }
        long result = 0;
        try {
            if (write) {
                RawMemory.put(address + offset, width, value);
            } else {
                result = RawMemory.get(address + offset, width);
            }
            Faults.check();
        } catch (InternalError e) {
            throw ownFault(offset, width, write, e);
        }
        giveBack(first);
        return result;
    }

    // ---- checked views -------------------------------------------------------------------

    @Override
    public CheckedView checked(long offset, long length) {
        checkRange(offset, length);
        checkOpen();
        return new MmapCheckedView(this, offset, address + offset, length);
    }

    @Override
    public <T> T checked(Function<? super CheckedView, ? extends T> work) {
        MmapCheckedView view = (MmapCheckedView) checked(0, size);
        T result = null;
        Throwable thrown = null;
        try {
            result = work.apply(view);
        } catch (RuntimeException | Error e) {
            thrown = e;
        }
        RuntimeException fault = view.end(thrown);
        if (fault != null) {
            if (thrown != null && fault.getCause() != thrown) {
                fault.addSuppressed(thrown);
            }
            throw fault;
        }
        if (thrown instanceof RuntimeException e) {
            throw e;
        }
        if (thrown instanceof Error e) {
            throw e;
        }
        return result;
    }

    /** The fault of a checked view, reported when it closes. */
    RuntimeException viewFault(long offset, long length, Throwable e) {
        if (isClosed()) {
            return closedException(e);
        }
        return new MediaErrorException(offset, length, "media error in a checked view of " + length
                + " bytes at offset " + offset + " of " + description + " (values read in it are not valid, writes"
                + " may be lost): " + (e != null ? e.getMessage()
                        : "another access on this thread faulted while the view was open, and whose fault it was"
                                + " cannot be told"), e);
    }

    // ---- bulk ----------------------------------------------------------------------------

    @Override
    public void get(long offset, byte[] dst, int dstOffset, int length) {
        Objects.checkFromIndexSize(dstOffset, length, dst.length);
        checkRange(offset, length);
        bulk(offset, length, false, (at, done, n) -> RawMemory.copyToArray(at, dst, dstOffset + (int) done, n));
    }

    @Override
    public void put(long offset, byte[] src, int srcOffset, int length) {
        Objects.checkFromIndexSize(srcOffset, length, src.length);
        checkRange(offset, length);
        bulk(offset, length, true, (at, done, n) -> RawMemory.copyFromArray(src, srcOffset + (int) done, at, n));
    }

    @Override
    public void get(long offset, ByteBuffer dst) {
        if (dst.isReadOnly()) {
            throw new ReadOnlyBufferException();
        }
        int length = dst.remaining();
        checkRange(offset, length);
        int start = dst.position();
        if (dst.hasArray()) {
            get(offset, dst.array(), dst.arrayOffset() + start, length);
        } else {
            long buffer = directAddress(dst) + start;
            try {
                bulk(offset, length, false, (at, done, n) -> RawMemory.copy(at, buffer + done, n));
            } finally {
                Reference.reachabilityFence(dst);
            }
        }
        dst.position(start + length);
    }

    @Override
    public void put(long offset, ByteBuffer src) {
        int length = src.remaining();
        checkRange(offset, length);
        int start = src.position();
        if (src.hasArray()) {
            put(offset, src.array(), src.arrayOffset() + start, length);
        } else if (src.isDirect()) {
            long buffer = directAddress(src) + start;
            try {
                bulk(offset, length, true, (at, done, n) -> RawMemory.copy(buffer + done, at, n));
            } finally {
                Reference.reachabilityFence(src);
            }
        } else { // a read-only heap buffer: no access to its array
            byte[] piece = new byte[Math.min(length, 64 * 1024)];
            for (int done = 0; done < length; done += piece.length) {
                int n = Math.min(piece.length, length - done);
                src.get(start + done, piece, 0, n);
                put(offset + done, piece, 0, n);
            }
        }
        src.position(start + length);
    }

    private static long directAddress(ByteBuffer buffer) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(buffer));
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
        bulk(offset, length, true, (at, done, n) -> {
            for (int i = 0; i < n; i += pattern.length) {
                RawMemory.copyFromArray(pattern, 0, at + i, Math.min(pattern.length, n - i));
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
            throw closedException(null);
        }
        return slice;
    }

    /**
     * The range mapped once more, as a region of its own that this one's close closes too; where
     * the kernel cannot map it again (a device's mapping), the interface's default (a counted window).
     */
    @Override
    public Mapping mapAgain(long offset, long length, String name) {
        checkRange(offset, length);
        checkOpen();
        Region again = region.mapAgain(base + offset, length, name);
        return again != null ? new MmapMapping(again) : Mapping.super.mapAgain(offset, length, name);
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
            int errno = region.persist(base + offset, length);
            if (errno != 0) {
                String message = "msync of " + length + " bytes at offset " + offset + " of " + description
                        + " failed: " + LibC.describe(errno);
                if (errno == LibC.EIO || errno == LibC.ENOSPC) {
                    throw new MediaErrorException(offset, length, message, null);
                }
                throw new IllegalStateException(message);
            }
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

    boolean isClosed() {
        return closed || region.closed;
    }

    @Override
    public String toString() {
        return description + (region.pmem ? " (persistent memory)" : "");
    }

    // ---- helpers -------------------------------------------------------------------------

    /** One piece of a bulk access: {@code n} bytes at native address {@code at}, {@code done} bytes in. */
    @FunctionalInterface
    private interface Piece {
        void run(long at, long done, int n);
    }

    private void bulk(long offset, long length, boolean write, Piece piece) {
        checkOpen();
        InternalError notOurs = null;
        try {
            for (long done = 0; done < length;) {
                int n = (int) Math.min(length - done, PIECE);
                try {
                    piece.run(address + offset + done, done, n);
                    Faults.check();
                } catch (InternalError e) {
                    locate(offset, done, n, write, piece, e);
                    notOurs = e;
                }
                done += n;
            }
        } finally {
            Reference.reachabilityFence(this);
        }
        if (notOurs != null) {
            giveBack(notOurs);
        }
    }

    /**
     * Replays a faulting piece page by page: the first page that faults again is reported. If
     * none does, the piece is now done, and the fault was an earlier unchecked access's.
     */
    private void locate(long offset, long done, int n, boolean write, Piece piece, InternalError first) {
        if (isClosed()) {
            throw closedException(first);
        }
        long pageSize = region.pageSize;
        long end = done + n;
        for (long at = done; at < end;) {
            long a = address + offset + at;
            int m = (int) Math.min(end - at, (a & -pageSize) + pageSize - a);
            try {
                piece.run(a, at, m);
                Faults.check();
            } catch (InternalError e) {
                throw ownFault(offset + at, m, write, e);
            }
            at += m;
        }
    }

    /**
     * An access found a fault that was not its own but an earlier unchecked access's: a checked
     * view's, which is told so, or else (a MappedByteBuffer's, say) left pending again, as
     * HotSpot would have kept it. Last thing before returning: see {@link Faults#rearm()}.
     */
    private static void giveBack(InternalError fault) {
        MmapCheckedView.OpenViews views = MmapCheckedView.onThisThread();
        if (views.open > 0) {
            views.faultsTaken++;
        } else if (Faults.canRearm()) {
            Faults.rearm();
        } else {
            throw fault; // cannot leave it pending: report it as HotSpot would
        }
    }

    /**
     * The fault of an access that faulted again when tried once more. The first fault may have
     * been a checked view's as well (HotSpot keeps one): the views open are told.
     */
    private RuntimeException ownFault(long offset, long length, boolean write, InternalError e) {
        MmapCheckedView.OpenViews views = MmapCheckedView.onThisThread();
        if (views.open > 0) {
            views.faultsTaken++;
        }
        return fault(offset, length, write, e);
    }

    private RuntimeException fault(long offset, long length, boolean write, InternalError e) {
        if (isClosed()) {
            return closedException(e);
        }
        return new MediaErrorException(offset, length, "media error " + (write ? "writing " : "reading ") + length
                + " bytes at offset " + offset + " of " + description + ": " + e.getMessage(), e);
    }

    /** Native address of a single-value access, after its bounds and closed checks. */
    private long at(long offset, int width) {
        if (offset < 0 || offset > size - width) {
            throw outside(offset, width);
        }
        if (closed) {
            throw closedException(null);
        }
        return address + offset;
    }

    private void checkOpen() {
        if (closed) {
            throw closedException(null);
        }
    }

    MappingClosedException closedException(Throwable cause) {
        MappingClosedException e = new MappingClosedException(description + " is closed");
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }

    String description() {
        return description;
    }

    private IndexOutOfBoundsException outside(long offset, int width) {
        return new IndexOutOfBoundsException("offset " + offset + " + " + width + " bytes is outside " + description
                + " of " + size + " bytes");
    }

    private void checkRange(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size - length) {
            throw new IndexOutOfBoundsException("range of " + length + " bytes at offset " + offset + " is outside "
                    + description + " of " + size + " bytes");
        }
    }
}
