package dev.ocxlpmem.emulator.internal;

import java.nio.ByteBuffer;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MediaErrorException;

/**
 * The host's view of the card's LPC memory: the image's mapping, with every access counted for
 * the controller's statistics, reads over poisoned media failing as the hardware's machine check
 * would ({@link MediaErrorException}), and writes clearing the poison under them.
 */
final class CountedMapping implements Mapping {
    private final Mapping mapping;
    /** Where this view starts in LPC memory. */
    private final long base;
    private final MediaCounters counters;
    private final PoisonList poison;

    CountedMapping(Mapping mapping, long base, MediaCounters counters, PoisonList poison) {
        this.mapping = mapping;
        this.base = base;
        this.counters = counters;
        this.poison = poison;
    }

    private void loaded(long offset, long length) {
        if (!poison.isEmpty()) {
            long bad = poison.firstPoisoned(base + offset, length);
            if (bad >= 0) {
                throw new MediaErrorException(bad - base, base + offset + length - bad, String.format("media error: LPC memory at 0x%x is poisoned "
                        + "(read of %d bytes at offset 0x%x)", bad, length, offset), null);
            }
        }
        counters.load(base + offset, length);
    }

    private void stored(long offset, long length) {
        if (!poison.isEmpty()) {
            poison.clear(base + offset, length);
        }
        counters.store(base + offset, length);
    }

    @Override
    public long size() {
        return mapping.size();
    }

    @Override
    public boolean isPersistentMemory() {
        return mapping.isPersistentMemory();
    }

    @Override
    public byte getByte(long offset) {
        byte v = mapping.getByte(offset);
        loaded(offset, 1);
        return v;
    }

    @Override
    public void putByte(long offset, byte value) {
        mapping.putByte(offset, value);
        stored(offset, 1);
    }

    @Override
    public short getShort(long offset) {
        short v = mapping.getShort(offset);
        loaded(offset, 2);
        return v;
    }

    @Override
    public void putShort(long offset, short value) {
        mapping.putShort(offset, value);
        stored(offset, 2);
    }

    @Override
    public int getInt(long offset) {
        int v = mapping.getInt(offset);
        loaded(offset, 4);
        return v;
    }

    @Override
    public void putInt(long offset, int value) {
        mapping.putInt(offset, value);
        stored(offset, 4);
    }

    @Override
    public long getLong(long offset) {
        long v = mapping.getLong(offset);
        loaded(offset, 8);
        return v;
    }

    @Override
    public void putLong(long offset, long value) {
        mapping.putLong(offset, value);
        stored(offset, 8);
    }

    @Override
    public void get(long offset, byte[] dst, int dstOffset, int length) {
        mapping.get(offset, dst, dstOffset, length);
        loaded(offset, length);
    }

    @Override
    public void put(long offset, byte[] src, int srcOffset, int length) {
        mapping.put(offset, src, srcOffset, length);
        stored(offset, length);
    }

    @Override
    public void get(long offset, ByteBuffer dst) {
        int length = dst.remaining();
        mapping.get(offset, dst);
        loaded(offset, length);
    }

    @Override
    public void put(long offset, ByteBuffer src) {
        int length = src.remaining();
        mapping.put(offset, src);
        stored(offset, length);
    }

    @Override
    public void fill(long offset, long length, byte value) {
        mapping.fill(offset, length, value);
        stored(offset, length);
    }

    @Override
    public Mapping slice(long offset, long length) {
        return new CountedMapping(mapping.slice(offset, length), base + offset, counters, poison);
    }

    /** The image's range mapped again, still counted and still poisoned where the media is. */
    @Override
    public Mapping mapAgain(long offset, long length, String name) {
        return new CountedMapping(mapping.mapAgain(offset, length, name), base + offset, counters, poison);
    }

    @Override
    public void persist(long offset, long length) {
        mapping.persist(offset, length);
    }

    @Override
    public void copyAndPersist(long offset, byte[] src, int srcOffset, int length) {
        mapping.copyAndPersist(offset, src, srcOffset, length);
        stored(offset, length);
    }

    @Override
    public void close() {
        mapping.close();
    }
}
