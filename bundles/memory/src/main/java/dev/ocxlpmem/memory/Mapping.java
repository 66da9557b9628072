package dev.ocxlpmem.memory;

import java.nio.ByteBuffer;

/**
 * A mapped range. Offsets are relative to the start of the mapping; every access is checked
 * against {@link #size()} in 64-bit arithmetic and refused with {@link IndexOutOfBoundsException}
 * before anything is read or written. Multi-byte values are little-endian.
 *
 * <p>A hardware or file-system fault under an access (truncated file, page that cannot be
 * allocated, media error) is reported as {@link MediaErrorException}. Access after
 * {@link #close()} throws {@link MappingClosedException}; closing waits for accesses in flight.
 */
public interface Mapping extends AutoCloseable {

    long size();

    /** Whether this is real persistent memory (mapped with MAP_SYNC on a DAX file system). */
    boolean isPersistentMemory();

    byte getByte(long offset);

    void putByte(long offset, byte value);

    short getShort(long offset);

    void putShort(long offset, short value);

    int getInt(long offset);

    void putInt(long offset, int value);

    long getLong(long offset);

    void putLong(long offset, long value);

    void get(long offset, byte[] dst, int dstOffset, int length);

    void put(long offset, byte[] src, int srcOffset, int length);

    /** Reads {@code dst.remaining()} bytes into {@code dst}, advancing its position. */
    void get(long offset, ByteBuffer dst);

    /** Writes {@code src.remaining()} bytes from {@code src}, advancing its position. */
    void put(long offset, ByteBuffer src);

    void fill(long offset, long length, byte value);

    /** A view of part of this mapping; it shares this mapping's lifetime and is not closed separately. */
    Mapping slice(long offset, long length);

    /** When this returns, the range is durable (msync, or a CPU cache flush on real pmem). */
    void persist(long offset, long length);

    /** Writes and persists the range: the kernel's {@code memcpy_flushcache}. */
    void copyAndPersist(long offset, byte[] src, int srcOffset, int length);

    /** Unmaps. Idempotent. Waits for accesses in flight; later accesses fail cleanly. */
    @Override
    void close();
}
