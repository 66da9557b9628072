package dev.ocxlpmem.memory;

import java.nio.ByteBuffer;
import java.util.function.Function;

/**
 * A mapped range. Offsets are relative to the start of the mapping; every access is checked
 * against {@link #size()} in 64-bit arithmetic and refused with {@link IndexOutOfBoundsException}
 * before anything is read or written. Multi-byte values are little-endian.
 *
 * <p>A hardware or file-system fault under an access (truncated file, page that cannot be
 * allocated, media error) is reported by that access as {@link MediaErrorException} with its
 * offset: a faulting read never returns a value. That check costs little per access; code that
 * makes many single-value accesses in a unit of work can defer it to the end of the unit with
 * {@link #checked()}. Access after {@link #close()} throws {@link MappingClosedException}.
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

    /**
     * Opens a {@link CheckedView} over the whole mapping: accesses without a per-access fault
     * check, whose faults its {@link CheckedView#close()} reports. Offsets are this mapping's.
     */
    default CheckedView checked() {
        return checked(0, size());
    }

    /**
     * Opens a {@link CheckedView} over {@code [offset, offset + length)}; its offset 0 is {@code offset}.
     * A mapping that wraps another gets, by default, a view whose every access is its own (exact,
     * at the wrapper's speed); the memory provider's mappings give the fast one.
     */
    default CheckedView checked(long offset, long length) {
        return new dev.ocxlpmem.memory.internal.ExactCheckedView(this, offset, length);
    }

    /**
     * Runs {@code work} in a {@link CheckedView} over the whole mapping and returns its result only
     * if no access of the scope faulted. Unlike a try-with-resources scope, every fault comes out
     * as {@link MediaErrorException} (or {@link MappingClosedException}), also one the JVM
     * delivers early inside {@code work}, and it takes precedence over an exception of
     * {@code work} (which it then carries as suppressed), since that may come from a wrong value.
     */
    default <T> T checked(Function<? super CheckedView, ? extends T> work) {
        try (CheckedView view = checked()) {
            return work.apply(view);
        }
    }

    /** A view of part of this mapping; it shares this mapping's lifetime and is not closed separately. */
    Mapping slice(long offset, long length);

    /**
     * {@code [offset, offset + length)} of this memory as a mapping with a lifetime of its own, for
     * memory its owner must be able to take back from the code it gave it to (a namespace's data,
     * when the namespace is disabled). Closing it, or this mapping, closes it and its slices and
     * views as {@link #close()} does, safely under concurrent use; closing it leaves this mapping
     * open. {@code name} names it in its exceptions ("namespace0.0 is closed").
     *
     * <p>The memory provider's mappings map the range once more (a second mapping of the same
     * pages), whose accesses cost what this mapping's do. This default, for a mapping that wraps
     * another, counts the accesses in flight instead: two atomic updates per access, and its
     * checked views check every access.
     */
    default Mapping mapAgain(long offset, long length, String name) {
        return new dev.ocxlpmem.memory.internal.GuardedWindow(this, offset, length, name);
    }

    /** When this returns, the range is durable (msync, or a CPU cache flush on real pmem). */
    void persist(long offset, long length);

    /** Writes and persists the range: the kernel's {@code memcpy_flushcache}. */
    void copyAndPersist(long offset, byte[] src, int srcOffset, int length);

    /**
     * Unmaps. Idempotent. Waits for persists in flight; accesses racing with close and later ones
     * fail with {@link MappingClosedException}, never touching another mapping's memory.
     */
    @Override
    void close();
}
