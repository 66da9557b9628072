package dev.ocxlpmem.memory.internal;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import java.io.IOException;
import java.nio.ByteOrder;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One mapped file seen three ways: the provider's {@link MmapMapping}, its native address (for
 * libc baselines on the same memory) and a plain {@link MappedByteBuffer} of the same file.
 */
final class BenchFile implements AutoCloseable {

    static final long SIZE = 64L << 20;

    final Path file;
    final MmapMapping mapping;
    final long address;
    final MappedByteBuffer buffer;

    BenchFile() throws IOException {
        this(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))));
    }

    /** {@code disk}: the temporary directory (ext4 on a disk here); {@code tmpfs}: /dev/shm. */
    static Path directory(String fs) {
        return fs.equals("tmpfs") ? Path.of("/dev/shm")
                : Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir")));
    }

    BenchFile(Path dir) throws IOException {
        file = Files.createTempFile(dir, "ocxlpmem-bench", ".img");
        Files.delete(file);
        MmapMemoryProvider provider = new MmapMemoryProvider();
        provider.createFile(file, SIZE);
        mapping = (MmapMapping) provider.map(file, 0, SIZE);
        address = mapping.address(0);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            buffer = channel.map(FileChannel.MapMode.READ_WRITE, 0, SIZE);
        }
        buffer.order(ByteOrder.LITTLE_ENDIAN);
        // fault every page in (and make it dirty once) so that no benchmark measures page faults
        mapping.fill(0, SIZE, (byte) 0x5a);
        for (int i = 0; i < SIZE; i += 4096) {
            buffer.get(i);
        }
        mapping.persist(0, SIZE);
    }

    @Override
    public void close() throws IOException {
        mapping.close();
        Files.deleteIfExists(file);
    }

    /** The libc calls of the native baselines, JNA direct-mapped like the provider's own. */
    static final class Libc {
        static final int MS_SYNC = 4;

        static {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        private Libc() {
        }

        static native long memcpy(long dst, long src, long n);

        static native int msync(long addr, long length, int flags);
    }
}
