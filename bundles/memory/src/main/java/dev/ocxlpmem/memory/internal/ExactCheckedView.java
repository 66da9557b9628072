package dev.ocxlpmem.memory.internal;

import java.util.Objects;

import dev.ocxlpmem.memory.CheckedView;
import dev.ocxlpmem.memory.Mapping;

/**
 * A {@link CheckedView} for a mapping that wraps another (a namespace's window, an emulated card's
 * counted memory): each access is the mapping's own, checked at once, so a fault is thrown by the
 * access that met it and there is nothing left for {@link #close()} to report. What the view gives
 * up is only speed, never a fault.
 */
public final class ExactCheckedView implements CheckedView {
    private final Mapping mapping;
    private final long offset;
    private final long size;
    private final Thread owner = Thread.currentThread();
    private boolean closed;

    public ExactCheckedView(Mapping mapping, long offset, long length) {
        this.mapping = Objects.requireNonNull(mapping, "mapping");
        if (offset < 0 || length < 0 || offset > mapping.size() - length) {
            throw new IndexOutOfBoundsException("view [" + offset + ", +" + length + ") outside a mapping of "
                    + mapping.size() + " bytes");
        }
        this.offset = offset;
        this.size = length;
    }

    private long at(long at, int width) {
        if (Thread.currentThread() != owner || closed) {
            throw new IllegalStateException(closed ? "the checked view is closed" : "a checked view belongs to "
                    + owner.getName());
        }
        if (at < 0 || at > size - width) {
            throw new IndexOutOfBoundsException("offset " + at + " (+" + width + ") outside a view of " + size + " bytes");
        }
        return offset + at;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public byte getByte(long at) {
        return mapping.getByte(at(at, 1));
    }

    @Override
    public void putByte(long at, byte value) {
        mapping.putByte(at(at, 1), value);
    }

    @Override
    public short getShort(long at) {
        return mapping.getShort(at(at, 2));
    }

    @Override
    public void putShort(long at, short value) {
        mapping.putShort(at(at, 2), value);
    }

    @Override
    public int getInt(long at) {
        return mapping.getInt(at(at, 4));
    }

    @Override
    public void putInt(long at, int value) {
        mapping.putInt(at(at, 4), value);
    }

    @Override
    public long getLong(long at) {
        return mapping.getLong(at(at, 8));
    }

    @Override
    public void putLong(long at, long value) {
        mapping.putLong(at(at, 8), value);
    }

    @Override
    public void close() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("a checked view belongs to " + owner.getName());
        }
        closed = true;
    }
}
