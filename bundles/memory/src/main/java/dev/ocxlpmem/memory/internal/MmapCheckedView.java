package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.CheckedView;
import java.lang.ref.Reference;

/**
 * A {@link CheckedView} of an {@link MmapMapping}: each access is a bounds check and a load or
 * store at a native address, nothing else. The checks read only final fields and one plain
 * field, so that the JIT can hoist them out of loops. {@link #close()} makes the one
 * {@link Faults#check()}.
 *
 * <p>Views nest, on one mapping or several: each reports a fault of any access made while it was
 * open (see {@link OpenViews}).
 *
 * <p>Safe against the mapping closing meanwhile without a check per access: the view keeps the
 * mapping, hence its address range, reachable, and a closed region's range is an empty file's
 * mapping, where every access faults (see {@link Region}); the fault is reported at close.
 */
final class MmapCheckedView implements CheckedView {

    /**
     * Per thread: how many views are open, and how many faults were taken while one was. HotSpot
     * keeps one pending fault per thread, so an exact access that faults while a view is open,
     * or a view that closes inside another, cannot tell whose fault it took: it counts one here,
     * and every view open at the time reports a fault when it closes. Counted rather than left
     * pending again, because HotSpot drops a pending fault that it meets while handling another
     * exception ({@code JavaThread::check_and_handle_async_exceptions}), such as the
     * {@code MediaErrorException} of that exact access.
     */
    static final class OpenViews {
        int open;
        long faultsTaken;
    }

    private static final ThreadLocal<OpenViews> OPEN = ThreadLocal.withInitial(OpenViews::new);

    private final MmapMapping mapping;
    /** Offset of byte 0 of the view in the mapping, for messages. */
    private final long offset;
    private final long address;
    private final long size;
    private final Thread owner;
    private final OpenViews views;
    /** {@link OpenViews#faultsTaken} when this view opened. */
    private final long faultsTakenBefore;
    private boolean open = true;

    MmapCheckedView(MmapMapping mapping, long offset, long address, long size) {
        this.mapping = mapping;
        this.offset = offset;
        this.address = address;
        this.size = size;
        this.owner = Thread.currentThread();
        this.views = OPEN.get();
        this.faultsTakenBefore = views.faultsTaken;
        views.open++;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte getByte(long offset) {
        byte value = RawMemory.getByte(at(offset, 1));
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public void putByte(long offset, byte value) {
        RawMemory.putByte(at(offset, 1), value);
        Reference.reachabilityFence(this);
    }

    @Override
    public short getShort(long offset) {
        short value = RawMemory.getShort(at(offset, 2));
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public void putShort(long offset, short value) {
        RawMemory.putShort(at(offset, 2), value);
        Reference.reachabilityFence(this);
    }

    @Override
    public int getInt(long offset) {
        int value = RawMemory.getInt(at(offset, 4));
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public void putInt(long offset, int value) {
        RawMemory.putInt(at(offset, 4), value);
        Reference.reachabilityFence(this);
    }

    @Override
    public long getLong(long offset) {
        long value = RawMemory.getLong(at(offset, 8));
        Reference.reachabilityFence(this);
        return value;
    }

    @Override
    public void putLong(long offset, long value) {
        RawMemory.putLong(at(offset, 8), value);
        Reference.reachabilityFence(this);
    }

    @Override
    public void close() {
        RuntimeException fault = end(null);
        if (fault != null) {
            throw fault;
        }
    }

    /**
     * Ends the scope (idempotent); returns the fault to report for it, or null. {@code thrown}:
     * what the scope's body threw, if anything, which is the fault itself when the JVM delivered
     * it early. If the JVM delivers the fault on the way in here, that is taken into account too:
     * once delivered, nothing is pending, so this loops at most once more.
     */
    RuntimeException end(Throwable thrown) {
        for (;;) {
            try {
                return closeAfter(thrown);
            } catch (InternalError e) {
                if (!Faults.isFault(e)) {
                    throw e;
                }
                if (thrown != null) {
                    e.addSuppressed(thrown);
                }
                thrown = e;
            }
        }
    }

    private RuntimeException closeAfter(Throwable thrown) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a checked view of " + mapping.description() + " is closed by "
                    + Thread.currentThread().getName() + ", not by " + owner.getName() + ", which opened it");
        }
        boolean wasOpen = open;
        InternalError fault = null;
        if (wasOpen) {
            open = false;
            views.open--;
            try {
                Faults.check();
            } catch (InternalError e) {
                fault = e;
            } finally {
                Reference.reachabilityFence(this);
            }
        }
        if (fault == null && Faults.isFault(thrown)) {
            fault = (InternalError) thrown;
        }
        if (fault != null) {
            views.faultsTaken++; // it may be an enclosing view's as well
            return mapping.viewFault(offset, size, fault);
        }
        if (wasOpen && views.faultsTaken != faultsTakenBefore) {
            return mapping.viewFault(offset, size, null);
        }
        return wasOpen && mapping.isClosed() ? mapping.closedException(null) : null;
    }

    /** The views open on this thread. */
    static OpenViews onThisThread() {
        return OPEN.get();
    }

    /** Native address of an access, after checking its bounds, the scope and the thread. */
    private long at(long offset, int width) {
        if (offset < 0 || offset > size - width || !open || Thread.currentThread() != owner) {
            throw refused(offset, width);
        }
        return address + offset;
    }

    private RuntimeException refused(long offset, int width) {
        if (offset < 0 || offset > size - width) {
            return new IndexOutOfBoundsException("offset " + offset + " + " + width + " bytes is outside a checked view"
                    + " of " + size + " bytes at offset " + this.offset + " of " + mapping.description());
        }
        if (!open) {
            return new IllegalStateException("the checked view of " + size + " bytes at offset " + this.offset + " of "
                    + mapping.description() + " is closed");
        }
        return new IllegalStateException("a checked view of " + mapping.description() + " is used by "
                + Thread.currentThread().getName() + ", not by " + owner.getName() + ", which opened it: faults are"
                + " reported per thread");
    }
}
