package dev.ocxlpmem.btt.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.ocxlpmem.memory.Mapping;

/**
 * A real mapping that records, in the order they reach it, every store (offset and bytes, and the
 * bytes it overwrote) and every persist. Stores and persists are serialised so that the record's
 * order is the memory's. {@link #tag} labels the calling thread's events (the test's write
 * operations); {@link #undo} puts back what the recorded stores overwrote. It also counts the
 * bytes read in a range, when asked to ({@link #countReads}).
 */
final class RecordingMapping implements Mapping {

    /** A store ({@code data} not null) or a persist of {@code [offset, offset + length)}. */
    record Event(long offset, int length, byte[] data, byte[] before, long thread, int tag) {

        boolean isStore() {
            return data != null;
        }

        boolean covers(Event store) {
            return !isStore() && offset <= store.offset && store.offset + store.length <= offset + length;
        }
    }

    private final Mapping delegate;
    private final List<Event> events = new ArrayList<>();
    private final ThreadLocal<Integer> tags = ThreadLocal.withInitial(() -> -1);
    private volatile boolean recording = true;
    /** The range whose reads are counted, {from, to}, or null. */
    private volatile long[] counted;
    private final AtomicLong countedBytes = new AtomicLong();

    RecordingMapping(Mapping delegate) {
        this.delegate = delegate;
    }

    /** The calling thread's later events carry {@code tag} (-1: none). */
    void tag(int tag) {
        tags.set(tag);
    }

    synchronized List<Event> events() {
        return List.copyOf(events);
    }

    synchronized int count() {
        return events.size();
    }

    synchronized void clear() {
        events.clear();
    }

    void stop() {
        recording = false;
    }

    /** From now on, the bytes read in {@code [from, to)} are counted (from zero). */
    void countReads(long from, long to) {
        countedBytes.set(0);
        counted = new long[] {from, to};
    }

    /** The bytes read in the counted range since {@link #countReads}. */
    long readBytes() {
        return countedBytes.get();
    }

    private void read(long offset, long length) {
        long[] range = counted;
        if (range != null) {
            long overlap = Math.min(offset + length, range[1]) - Math.max(offset, range[0]);
            if (overlap > 0) {
                countedBytes.addAndGet(overlap);
            }
        }
    }

    /** Puts back, last first, the bytes the recorded stores overwrote, and forgets them. */
    synchronized void undo() {
        for (int i = events.size() - 1; i >= 0; i--) {
            Event e = events.get(i);
            if (e.isStore()) {
                delegate.put(e.offset(), e.before(), 0, e.length());
            }
        }
        events.clear();
    }

    private synchronized void store(long offset, byte[] data, Runnable write) {
        if (!recording) {
            write.run();
            return;
        }
        byte[] before = new byte[data.length];
        delegate.get(offset, before, 0, before.length);
        write.run();
        events.add(new Event(offset, data.length, data, before, Thread.currentThread().getId(), tags.get()));
    }

    private synchronized void persisted(long offset, long length) {
        delegate.persist(offset, length);
        if (recording) {
            events.add(new Event(offset, (int) length, null, null, Thread.currentThread().getId(), tags.get()));
        }
    }

    private static byte[] le(int size, long value) {
        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        switch (size) {
            case 1 -> b.put((byte) value);
            case 2 -> b.putShort((short) value);
            case 4 -> b.putInt((int) value);
            default -> b.putLong(value);
        }
        return b.array();
    }

    @Override
    public long size() {
        return delegate.size();
    }

    @Override
    public boolean isPersistentMemory() {
        return delegate.isPersistentMemory();
    }

    @Override
    public byte getByte(long offset) {
        read(offset, 1);
        return delegate.getByte(offset);
    }

    @Override
    public void putByte(long offset, byte value) {
        store(offset, le(1, value), () -> delegate.putByte(offset, value));
    }

    @Override
    public short getShort(long offset) {
        read(offset, 2);
        return delegate.getShort(offset);
    }

    @Override
    public void putShort(long offset, short value) {
        store(offset, le(2, value), () -> delegate.putShort(offset, value));
    }

    @Override
    public int getInt(long offset) {
        read(offset, 4);
        return delegate.getInt(offset);
    }

    @Override
    public void putInt(long offset, int value) {
        store(offset, le(4, value), () -> delegate.putInt(offset, value));
    }

    @Override
    public long getLong(long offset) {
        read(offset, 8);
        return delegate.getLong(offset);
    }

    @Override
    public void putLong(long offset, long value) {
        store(offset, le(8, value), () -> delegate.putLong(offset, value));
    }

    @Override
    public void get(long offset, byte[] dst, int dstOffset, int length) {
        read(offset, length);
        delegate.get(offset, dst, dstOffset, length);
    }

    @Override
    public void put(long offset, byte[] src, int srcOffset, int length) {
        byte[] data = java.util.Arrays.copyOfRange(src, srcOffset, srcOffset + length);
        store(offset, data, () -> delegate.put(offset, data, 0, length));
    }

    @Override
    public void get(long offset, ByteBuffer dst) {
        read(offset, dst.remaining());
        delegate.get(offset, dst);
    }

    @Override
    public void put(long offset, ByteBuffer src) {
        byte[] data = new byte[src.remaining()];
        src.get(data);
        store(offset, data, () -> delegate.put(offset, data, 0, data.length));
    }

    @Override
    public void fill(long offset, long length, byte value) {
        byte[] data = new byte[(int) length];
        java.util.Arrays.fill(data, value);
        store(offset, data, () -> delegate.put(offset, data, 0, data.length));
    }

    @Override
    public Mapping slice(long offset, long length) {
        throw new UnsupportedOperationException("a recording mapping records its own stores only");
    }

    @Override
    public void persist(long offset, long length) {
        persisted(offset, length);
    }

    @Override
    public void copyAndPersist(long offset, byte[] src, int srcOffset, int length) {
        put(offset, src, srcOffset, length);
        persist(offset, length);
    }

    @Override
    public void close() {
        // the delegate belongs to the test
    }
}
