package dev.ocxlpmem.bench.memory;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One file seen three ways: the provider's {@link Mapping} ({@link MmapMemory#provider()},
 * the exported API only), the benchmark's own {@code mmap} of it (for the libc baselines, on the
 * same page-cache pages) and a plain {@link MappedByteBuffer}.
 */
final class BenchFile implements AutoCloseable {

    /** Room for two threads' 64 MiB copies side by side. */
    static final long SIZE = 128L << 20;

    final Path file;
    final Mapping mapping;
    /** Address of the benchmark's own mapping of the file. */
    final long address;
    final MappedByteBuffer buffer;

    /** {@code disk}: the temporary directory (ext4 on a disk here); {@code tmpfs}: /dev/shm. */
    static Path directory(String fs) {
        return fs.equals("tmpfs") ? Path.of("/dev/shm") : Path.of(System.getProperty("java.io.tmpdir"));
    }

    static MemoryProvider provider() {
        return MmapMemory.provider();
    }

    /**
     * The file of the access and copy benchmarks: on tmpfs unless {@code -Dbench.dir=} says
     * otherwise. On a disk file system the kernel's periodic writeback write-protects dirty
     * pages again every few seconds, and the next store to each page, ours or the baseline's,
     * takes a page fault: noise that has nothing to do with either.
     */
    BenchFile() throws IOException {
        this(Path.of(System.getProperty("bench.dir", directory("tmpfs").toString())));
    }

    BenchFile(Path dir) throws IOException {
        file = Files.createTempFile(dir, "ocxlpmem-bench", ".img");
        Files.delete(file);
        MemoryProvider provider = provider();
        provider.createFile(file, SIZE);
        mapping = provider.map(file, 0, SIZE);
        address = Libc.map(file, SIZE);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
        }
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        // fault every page in, through every mapping, so that no benchmark measures page faults
        mapping.fill(0, SIZE, (byte) 0x5a);
        try (Memory scratch = new Memory(8)) {
            for (int i = 0; i < SIZE; i += 4096) {
                buffer.get(i);
                Libc.memcpy(Pointer.nativeValue(scratch), address + i, 1);
            }
        }
        mapping.persist(0, SIZE);
    }

    @Override
    public void close() throws IOException {
        mapping.close();
        Libc.munmap(address, SIZE);
        Files.deleteIfExists(file);
    }

    /** The libc calls of the native baselines, JNA direct-mapped. Constants from the Linux headers. */
    static final class Libc {
        static final int MS_SYNC = 4;
        private static final int O_RDWR = 02;
        private static final int PROT_READ_WRITE = 0x1 | 0x2;
        private static final int MAP_SHARED = 0x01;
        private static final int MAP_PRIVATE_ANONYMOUS = 0x02 | 0x20;
        private static final int MADV_HUGEPAGE = 14;
        private static final long HUGE_PAGE = 2L << 20;

        static {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        private Libc() {
        }

        static native long memcpy(long dst, long src, long n);

        static native int msync(long addr, long length, int flags);

        static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

        static native int munmap(long addr, long length);

        static native int open(String path, int flags, int mode);

        static native int close(int fd);

        static native int madvise(long addr, long length, int advice);

        /** Native memory: {@code address}, inside the mapping {@code [mapped, mapped + length)}. */
        record NativeBuffer(long address, long mapped, long length) implements AutoCloseable {
            @Override
            public void close() {
                munmap(mapped, length);
            }
        }

        /**
         * Native memory for the baseline's side of a copy: on 2 MiB transparent huge pages
         * (mmap, aligned, madvise) or on 4 KiB pages (mmap alone, as {@code malloc} gets large
         * blocks). Filled, so that every page is there.
         */
        static NativeBuffer nativeBuffer(long size, byte fill, boolean hugePages) {
            long length = size + (hugePages ? HUGE_PAGE : 0);
            long mapped = mmap(0, length, PROT_READ_WRITE, MAP_PRIVATE_ANONYMOUS, -1, 0);
            if (mapped == -1) {
                throw new IllegalStateException("cannot allocate " + size + " bytes: errno " + Native.getLastError());
            }
            long address = hugePages ? (mapped + HUGE_PAGE - 1) & -HUGE_PAGE : mapped;
            if (hugePages && madvise(address, size, MADV_HUGEPAGE) != 0) {
                throw new IllegalStateException("madvise(MADV_HUGEPAGE) failed: errno " + Native.getLastError());
            }
            new Pointer(address).setMemory(0, size, fill);
            return new NativeBuffer(address, mapped, length);
        }

        static long map(Path file, long size) throws IOException {
            int fd = open(file.toString(), O_RDWR, 0);
            if (fd < 0) {
                throw new IOException("cannot open " + file + ": errno " + Native.getLastError());
            }
            try {
                long address = mmap(0, size, PROT_READ_WRITE, MAP_SHARED, fd, 0);
                if (address == -1) {
                    throw new IOException("cannot map " + file + ": errno " + Native.getLastError());
                }
                return address;
            } finally {
                close(fd);
            }
        }
    }
}
