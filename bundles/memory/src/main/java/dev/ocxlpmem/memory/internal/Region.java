package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.MappingClosedException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * One {@code mmap} of a file range, shared by a mapping and its slices.
 *
 * <p>Data is reached only by Unsafe accesses at native addresses ({@link RawMemory}), so that a
 * fault is an {@link InternalError} instead of a crash (see {@link Faults}).
 *
 * <p>Closing (safe against concurrent use):
 * <ol>
 * <li>the closed flag is set, so new accesses fail with {@link MappingClosedException};</li>
 * <li>persists in flight hold a reference; close waits for them, so that a persist never
 *     acknowledges a range whose file was released under it;</li>
 * <li>the file mapping is replaced, in place and atomically ({@code MAP_FIXED}), by a shared
 *     mapping of an empty memfd. The file is released; an access that passed the flag check
 *     just before, or a checked view's access, which makes none, is now beyond end of file,
 *     which is a SIGBUS, hence an {@code InternalError} reported as
 *     {@link MappingClosedException} — never an access to unmapped memory (SIGSEGV, a crash) or
 *     to whatever is mapped there next;</li>
 * <li>the address range itself is unmapped by a {@link Cleaner} once the region is
 *     unreachable, when no thread can be inside an access any more (every access keeps its
 *     mapping reachable until it is done).</li>
 * </ol>
 *
 * <p>A region can map part of itself again ({@link #mapAgain}): a second mapping of the same
 * pages, a region of its own that closes as above without this one, and with it.
 */
final class Region {

    private static final Logger LOG = Logger.getLogger(Region.class.getName());
    private static final Cleaner CLEANER = Cleaner.create();

    /** Address of byte 0 of the requested range (not page aligned in general). */
    final long address;
    final long size;
    final boolean pmem;
    final PmemPolicy.Flush flush;
    final String description;
    final long pageSize;

    private final long mapAddress;
    private final long mapLength;

    volatile boolean closed;
    /** The mapping and its slices, whose own closed flag close sets: an access reads one flag. */
    private final List<WeakReference<MmapMapping>> mappings = new ArrayList<>();
    /** Parts of this region mapped again, which close with it. */
    private final List<WeakReference<Region>> again = new ArrayList<>();
    /** Persists in flight. */
    private final InFlight persists = new InFlight();

    Region(long mapAddress, long mapLength, long pageOffset, long size, boolean pmem, String description,
            long pageSize) {
        this.mapAddress = mapAddress;
        this.mapLength = mapLength;
        this.address = mapAddress + pageOffset;
        this.size = size;
        this.pmem = pmem;
        this.flush = PmemPolicy.flush(pmem, pmem && LibPmem.AVAILABLE);
        this.description = description;
        this.pageSize = pageSize;
        CLEANER.register(this, new Unmap(mapAddress, mapLength));
    }

    /** Adds a mapping or slice to close with this region; false if the region is closed already. */
    synchronized boolean register(MmapMapping mapping) {
        if (closed) {
            return false;
        }
        add(mappings, mapping);
        return true;
    }

    /**
     * Collected entries are dropped whenever the list's size reaches a power of two (from 16), so
     * that a region with many short-lived slices pays amortised O(1) per slice, not O(slices).
     */
    private static <T> void add(List<WeakReference<T>> list, T item) {
        if (list.size() >= 16 && Integer.bitCount(list.size()) == 1) {
            list.removeIf(reference -> reference.get() == null);
        }
        list.add(new WeakReference<>(item));
    }

    /**
     * {@code [position, position + length)} of this region mapped once more: {@code mremap} with
     * an old size of 0 makes a second mapping of the same pages of a shared mapping (mremap(2)),
     * so it sees every store of this one, and its close releases only its own address range.
     *
     * @return null if the kernel cannot map this kind of mapping again ({@code EFAULT} for a
     *     device's {@code VM_PFNMAP} or {@code VM_DONTEXPAND} mapping, {@code EINVAL})
     */
    Region mapAgain(long position, long length, String name) {
        long start = address + position;
        long first = Math.min(start & -pageSize, mapAddress + mapLength - pageSize); // a page even for length 0 at the end
        long pageOffset = start - first;
        long span = Math.max(pageSize, (pageOffset + length + pageSize - 1) & -pageSize);
        long mapped = LibC.mremap(first, 0, span, LibC.MREMAP_MAYMOVE);
        if (mapped == LibC.MAP_FAILED) {
            int errno = LibC.errno();
            if (errno == LibC.EFAULT || errno == LibC.EINVAL) {
                return null;
            }
            throw new UncheckedIOException(new IOException("cannot map " + length + " bytes at offset " + position
                    + " of " + description + " again for " + name + ": " + LibC.describe(errno)));
        }
        Region region = new Region(mapped, span, pageOffset, length, pmem, name, pageSize);
        synchronized (this) {
            if (!closed) {
                add(again, region);
                return region;
            }
        }
        region.close();
        throw closedException();
    }

    /** Takes a reference for a persist; close waits until it is released. */
    void acquire() {
        if (!persists.enter()) {
            throw closedException();
        }
    }

    void release() {
        persists.exit();
    }

    MappingClosedException closedException() {
        return new MappingClosedException(description + " is closed");
    }

    /**
     * Makes {@code [position, position + length)} durable; the caller holds a reference.
     *
     * @return 0, or the errno of a failed msync
     */
    int persist(long position, long length) {
        long start = address + position;
        if (flush == PmemPolicy.Flush.PMEM_PERSIST) {
            LibPmem.pmem_persist(start, length);
            return 0;
        }
        long aligned = start & -pageSize;
        return LibC.msync(aligned, start + length - aligned, LibC.MS_SYNC) == 0 ? 0 : LibC.errno();
    }

    synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (WeakReference<MmapMapping> reference : mappings) {
            MmapMapping mapping = reference.get();
            if (mapping != null) {
                mapping.markClosed();
            }
        }
        mappings.clear();
        for (WeakReference<Region> reference : again) {
            Region region = reference.get();
            if (region != null) {
                region.close();
            }
        }
        again.clear();
        persists.close();
        releaseFile();
    }

    /** Step 3 of closing: put an empty memfd where the file was mapped. */
    private void releaseFile() {
        int fd = Placeholder.open();
        if (fd < 0) {
            LOG.log(Level.WARNING, "cannot create the placeholder for closing {0}: {1}; the file stays mapped until the"
                    + " mapping is garbage collected", new Object[] {description, LibC.describe(LibC.errno())});
            return;
        }
        try {
            long result = LibC.mmap(mapAddress, mapLength, LibC.PROT_READ | LibC.PROT_WRITE,
                    LibC.MAP_SHARED | LibC.MAP_FIXED, fd, 0);
            if (result == LibC.MAP_FAILED) {
                LOG.log(Level.WARNING, "cannot release {0}: {1}; the file stays mapped until the mapping is garbage"
                        + " collected", new Object[] {description, LibC.describe(LibC.errno())});
            }
        } finally {
            LibC.close(fd);
        }
    }

    /** The address range goes back to the system once nothing can reach it. */
    private record Unmap(long address, long length) implements Runnable {
        @Override
        public void run() {
            LibC.munmap(address, length);
        }
    }

    /** An empty file: every access to a shared mapping of it is past end of file, a SIGBUS. */
    static final class Placeholder {
        private static final boolean MEMFD;

        static {
            boolean memfd;
            try {
                int fd = LibC.Memfd.memfd_create("ocxlpmem-closed", LibC.MFD_CLOEXEC);
                memfd = fd >= 0;
                if (memfd) {
                    LibC.close(fd);
                }
            } catch (UnsatisfiedLinkError e) {
                memfd = false;
            }
            MEMFD = memfd;
        }

        private Placeholder() {
        }

        static int open() {
            if (MEMFD) {
                return LibC.Memfd.memfd_create("ocxlpmem-closed", LibC.MFD_CLOEXEC);
            }
            String path = System.getProperty("java.io.tmpdir") + "/ocxlpmem-closed-" + ProcessHandle.current().pid()
                    + "-" + System.nanoTime();
            int fd = LibC.open(path, LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0600);
            if (fd >= 0) {
                LibC.unlink(path);
            }
            return fd;
        }
    }
}
