package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.CheckedView;
import java.lang.ref.Reference;

/**
 * A {@link CheckedView} of an {@link MmapMapping}: each access is a bounds check and a load or
 * store at a native address, nothing else. The checks read only final fields and one plain
 * field, so that the JIT can hoist them out of loops. {@link #close()} makes the one
 * {@link Faults#check()}.
 *
 * <p>Safe against the mapping closing meanwhile without a check per access: the view keeps the
 * mapping, hence its address range, reachable, and a closed region's range is an empty file's
 * mapping, where every access faults (see {@link Region}); the fault is reported at close.
 */
final class MmapCheckedView implements CheckedView {

    private final MmapMapping mapping;
    /** Offset of byte 0 of the view in the mapping, for messages. */
    private final long offset;
    private final long address;
    private final long size;
    private final Thread owner;
    private boolean open = true;

    MmapCheckedView(MmapMapping mapping, long offset, long address, long size) {
        this.mapping = mapping;
        this.offset = offset;
        this.address = address;
        this.size = size;
        this.owner = Thread.currentThread();
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
        RuntimeException fault = closeAfter(null);
        if (fault != null) {
            throw fault;
        }
    }

    /**
     * Ends the scope; the fault to report, if there is one. {@code thrown}: what the body threw,
     * which is the fault itself when the JVM delivered it early.
     */
    RuntimeException closeAfter(Throwable thrown) {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a checked view of " + mapping.description() + " is closed by "
                    + Thread.currentThread().getName() + ", not by " + owner.getName() + ", which opened it");
        }
        if (!open) {
            return null;
        }
        open = false;
        try {
            Faults.check();
        } catch (InternalError e) {
            return mapping.viewFault(offset, size, e);
        } finally {
            Reference.reachabilityFence(this);
        }
        if (Faults.isFault(thrown)) {
            return mapping.viewFault(offset, size, thrown);
        }
        if (mapping.isClosed()) {
            return mapping.closedException(null);
        }
        return null;
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
