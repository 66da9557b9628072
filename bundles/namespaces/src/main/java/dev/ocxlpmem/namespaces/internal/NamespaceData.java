package dev.ocxlpmem.namespaces.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;

/**
 * A window of the region's memory, for a namespace: the lifecycle's own view of a namespace's
 * metadata ({@link #window}), and the mappings of a namespace's data an application gets, which
 * have a lifetime of their own. The memory bundle's slices live as long as the whole region's
 * mapping (and each one is registered with it); a namespace's data must become unreachable the
 * moment the namespace is disabled or destroyed, before its info block is cleared or its space
 * given to another namespace.
 *
 * <p>Offsets are checked against the window (64-bit, before anything is touched) and then
 * translated. Every access enters the window's {@link Lifetime} and leaves it when done; closing the
 * lifetime refuses new accesses and waits for those in flight, so once it returns no access of any
 * of its mappings can touch the memory. A refused access throws {@link MappingClosedException}.
 */
final class NamespaceData implements Mapping {

    /** Accesses in flight to a namespace's mappings; closed once, for all of them. */
    static final class Lifetime {
        private static final long CLOSED = Long.MIN_VALUE;
        private static final VarHandle ACCESSES;

        static {
            try {
                ACCESSES = MethodHandles.lookup().findVarHandle(Lifetime.class, "accesses", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        private final String what;
        @SuppressWarnings("unused") // through ACCESSES
        private volatile long accesses;

        Lifetime(String what) {
            this.what = what;
        }

        void enter() {
            if ((long) ACCESSES.getAndAdd(this, 1L) < 0) {
                exit();
                throw closed();
            }
        }

        void exit() {
            if ((long) ACCESSES.getAndAdd(this, -1L) - 1 == CLOSED) {
                synchronized (this) {
                    notifyAll();
                }
            }
        }

        boolean isClosed() {
            return (long) ACCESSES.getVolatile(this) < 0;
        }

        /** Refuses every later access and waits for the ones in flight. Idempotent. */
        void close() {
            boolean interrupted = false;
            synchronized (this) {
                long now = (long) ACCESSES.getVolatile(this);
                if (now >= 0) {
                    ACCESSES.getAndAdd(this, CLOSED);
                }
                while ((long) ACCESSES.getVolatile(this) != CLOSED) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        MappingClosedException closed() {
            return new MappingClosedException(what + " is no longer enabled: its data mapping is closed");
        }
    }

    /** The lifetime of the lifecycle's own windows: that of the region's memory. */
    private static final Lifetime REGION = new Lifetime("the region");

    private final Lifetime lifetime;
    private final Mapping memory;
    private final long base;
    private final long size;
    private volatile boolean closed;

    /**
     * @param memory the region's memory
     * @param base where the window starts in it
     * @param size the window's size
     */
    NamespaceData(Lifetime lifetime, Mapping memory, long base, long size) {
        if (base < 0 || size < 0 || base > memory.size() - size) {
            throw new IndexOutOfBoundsException("a window of " + size + " bytes at " + base + " does not fit "
                    + memory.size() + " bytes of " + memory);
        }
        this.lifetime = lifetime;
        this.memory = memory;
        this.base = base;
        this.size = size;
    }

    /** The lifecycle's view of {@code [base, base + size)} of the region's memory. */
    static NamespaceData window(Mapping memory, long base, long size) {
        return new NamespaceData(REGION, memory, base, size);
    }

    private void enter() {
        lifetime.enter();
        if (closed) {
            lifetime.exit();
            throw lifetime.closed();
        }
    }

    /** The region offset of {@code width} bytes at {@code offset}, checked. */
    private long at(long offset, long width) {
        if (offset < 0 || width < 0 || offset > size - width) {
            throw new IndexOutOfBoundsException("range of " + width + " bytes at offset " + offset + " is outside "
                    + this + " of " + size + " bytes");
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
            lifetime.exit();
        }
    }

    @Override
    public void putByte(long offset, byte value) {
        enter();
        try {
            memory.putByte(at(offset, 1), value);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public short getShort(long offset) {
        enter();
        try {
            return memory.getShort(at(offset, 2));
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void putShort(long offset, short value) {
        enter();
        try {
            memory.putShort(at(offset, 2), value);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public int getInt(long offset) {
        enter();
        try {
            return memory.getInt(at(offset, 4));
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void putInt(long offset, int value) {
        enter();
        try {
            memory.putInt(at(offset, 4), value);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public long getLong(long offset) {
        enter();
        try {
            return memory.getLong(at(offset, 8));
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void putLong(long offset, long value) {
        enter();
        try {
            memory.putLong(at(offset, 8), value);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void get(long offset, byte[] dst, int dstOffset, int length) {
        enter();
        try {
            memory.get(at(offset, length), dst, dstOffset, length);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void put(long offset, byte[] src, int srcOffset, int length) {
        enter();
        try {
            memory.put(at(offset, length), src, srcOffset, length);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void get(long offset, ByteBuffer dst) {
        enter();
        try {
            memory.get(at(offset, dst.remaining()), dst);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void put(long offset, ByteBuffer src) {
        enter();
        try {
            memory.put(at(offset, src.remaining()), src);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void fill(long offset, long length, byte value) {
        enter();
        try {
            memory.fill(at(offset, length), length, value);
        } finally {
            lifetime.exit();
        }
    }

    /** Shares this mapping's lifetime, as the memory bundle's slices do. */
    @Override
    public Mapping slice(long offset, long length) {
        enter();
        try {
            return new NamespaceData(lifetime, memory, at(offset, length), length);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void persist(long offset, long length) {
        enter();
        try {
            memory.persist(at(offset, length), length);
        } finally {
            lifetime.exit();
        }
    }

    @Override
    public void copyAndPersist(long offset, byte[] src, int srcOffset, int length) {
        enter();
        try {
            memory.copyAndPersist(at(offset, length), src, srcOffset, length);
        } finally {
            lifetime.exit();
        }
    }

    /** Closes this mapping only; the namespace's other mappings stay usable. */
    @Override
    public void close() {
        closed = true;
    }

    @Override
    public String toString() {
        return "[" + base + ", " + (base + size) + ") of " + memory + (closed || lifetime.isClosed() ? " (closed)" : "");
    }
}
