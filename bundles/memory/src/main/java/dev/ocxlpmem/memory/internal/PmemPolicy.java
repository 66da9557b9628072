package dev.ocxlpmem.memory.internal;

import java.io.IOException;

/**
 * Pure decisions about persistent memory, apart from the system calls so that they can be
 * tested on machines without pmem.
 *
 * <p>Mapping: try {@code MAP_SHARED_VALIDATE | MAP_SYNC} first. The kernel accepts it only on a
 * DAX mapping (real persistent memory, where stores reach the media once CPU caches are
 * flushed); elsewhere it fails with {@code EOPNOTSUPP} (kernels before 4.15, which do not know
 * {@code MAP_SHARED_VALIDATE}, with {@code EINVAL}) and the file is mapped {@code MAP_SHARED}
 * (page cache, made durable by {@code msync}). Any other error is final.
 *
 * <p>Persist: on real pmem with libpmem loaded, {@code pmem_persist} (cache-line flush and
 * fence, no system call); otherwise {@code msync(MS_SYNC)}, which on a DAX mapping also
 * writes back the CPU caches.
 */
final class PmemPolicy {

    enum Flush { PMEM_PERSIST, MSYNC }

    /** One {@code mmap} call with the given flags: the address, or {@link LibC#MAP_FAILED}. */
    interface Mmap {
        long map(int flags);
    }

    /** Result of {@link #map}. */
    record Mapped(long address, boolean pmem) {
    }

    static final int SYNC_FLAGS = LibC.MAP_SHARED_VALIDATE | LibC.MAP_SYNC;
    static final int SHARED_FLAGS = LibC.MAP_SHARED;

    private PmemPolicy() {
    }

    /** Whether a failed MAP_SYNC attempt means "not pmem here, map it normally". */
    static boolean fallBackToShared(int errno) {
        return errno == LibC.EOPNOTSUPP || errno == LibC.EINVAL;
    }

    static Flush flush(boolean pmem, boolean libpmemLoaded) {
        return pmem && libpmemLoaded ? Flush.PMEM_PERSIST : Flush.MSYNC;
    }

    /**
     * Maps with MAP_SYNC if the file system allows it, else shared.
     *
     * @param errno reads the error of the last failed call
     * @param what names the file and range in error messages
     */
    static Mapped map(Mmap mmap, java.util.function.IntSupplier errno, String what) throws IOException {
        long address = mmap.map(SYNC_FLAGS);
        if (address != LibC.MAP_FAILED) {
            return new Mapped(address, true);
        }
        int syncErrno = errno.getAsInt();
        if (!fallBackToShared(syncErrno)) {
            throw new IOException("cannot map " + what + ": " + LibC.describe(syncErrno));
        }
        address = mmap.map(SHARED_FLAGS);
        if (address != LibC.MAP_FAILED) {
            return new Mapped(address, false);
        }
        throw new IOException("cannot map " + what + ": " + LibC.describe(errno.getAsInt()));
    }
}
