package dev.ocxlpmem.memory.internal;

import java.nio.ByteBuffer;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;

/**
 * {@link Mapping#mapAgain} for a mapping that cannot map its memory again (one that wraps another):
 * a window of it whose accesses are counted while in flight. Closing the window refuses new
 * accesses and waits for those in flight, so once close returns no access of the window or its
 * slices can touch the memory. The price is two atomic updates per access; the memory provider's
 * own mappings map the range again instead and pay nothing.
 */
public final class GuardedWindow implements Mapping {

    /** Accesses in flight to the window and its slices; closed once, for all of them. */
    private final InFlight accesses;
    private final Mapping memory;
    private final long base;
    private final long size;
    private final String name;
    /** A slice's close closes only the slice; the window's closes it for all. */
    private final boolean root;
    private volatile boolean closed;

    public GuardedWindow(Mapping memory, long base, long size, String name) {
        this(new InFlight(), memory, base, size, name, true);
    }

    private GuardedWindow(InFlight accesses, Mapping memory, long base, long size, String name, boolean root) {
        if (base < 0 || size < 0 || base > memory.size() - size) {
            throw new IndexOutOfBoundsException("a window of " + size + " bytes at " + base + " does not fit "
                    + memory.size() + " bytes of " + memory);
        }
        this.accesses = accesses;
        this.memory = memory;
        this.base = base;
        this.size = size;
        this.name = name;
        this.root = root;
    }

    private void enter() {
        if (!accesses.enter()) {
            throw closed();
        }
        if (closed) {
            accesses.exit();
            throw closed();
        }
    }

    private MappingClosedException closed() {
        return new MappingClosedException(name + " is closed");
    }

    /** The offset in the wrapped mapping of {@code width} bytes at {@code offset}, checked. */
    private long at(long offset, long width) {
        if (offset < 0 || width < 0 || offset > size - width) {
            throw new IndexOutOfBoundsException("range of " + width + " bytes at offset " + offset + " is outside "
                    + name + " of " + size + " bytes");
        }
        return base + offset;
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public boolean isPersistentMemory() {
        return memory.isPersistentMemory();
    }

    @Override
    public byte getByte(long offset) {
        enter();
        try {
            return memory.getByte(at(offset, 1));
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void putByte(long offset, byte value) {
        enter();
        try {
            memory.putByte(at(offset, 1), value);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public short getShort(long offset) {
        enter();
        try {
            return memory.getShort(at(offset, 2));
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void putShort(long offset, short value) {
        enter();
        try {
            memory.putShort(at(offset, 2), value);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public int getInt(long offset) {
        enter();
        try {
            return memory.getInt(at(offset, 4));
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void putInt(long offset, int value) {
        enter();
        try {
            memory.putInt(at(offset, 4), value);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public long getLong(long offset) {
        enter();
        try {
            return memory.getLong(at(offset, 8));
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void putLong(long offset, long value) {
        enter();
        try {
            memory.putLong(at(offset, 8), value);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void get(long offset, byte[] dst, int dstOffset, int length) {
        enter();
        try {
            memory.get(at(offset, length), dst, dstOffset, length);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void put(long offset, byte[] src, int srcOffset, int length) {
        enter();
        try {
            memory.put(at(offset, length), src, srcOffset, length);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void get(long offset, ByteBuffer dst) {
        enter();
        try {
            memory.get(at(offset, dst.remaining()), dst);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void put(long offset, ByteBuffer src) {
        enter();
        try {
            memory.put(at(offset, src.remaining()), src);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void fill(long offset, long length, byte value) {
        enter();
        try {
            memory.fill(at(offset, length), length, value);
        } finally {
            accesses.exit();
        }
    }

    /** A slice shares the window's count of accesses, so that the window's close closes it too. */
    @Override
    public Mapping slice(long offset, long length) {
        enter();
        try {
            return new GuardedWindow(accesses, memory, at(offset, length), length, name, false);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void persist(long offset, long length) {
        enter();
        try {
            memory.persist(at(offset, length), length);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void copyAndPersist(long offset, byte[] src, int srcOffset, int length) {
        enter();
        try {
            memory.copyAndPersist(at(offset, length), src, srcOffset, length);
        } finally {
            accesses.exit();
        }
    }

    @Override
    public void close() {
        closed = true;
        if (root) {
            accesses.close();
        }
    }

    @Override
    public String toString() {
        return name + ": [" + base + ", " + (base + size) + ") of " + memory + (closed || accesses.isClosed() ? " (closed)" : "");
    }
}
