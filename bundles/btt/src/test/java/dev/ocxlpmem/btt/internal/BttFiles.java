package dev.ocxlpmem.btt.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.extension.AnnotatedElementContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.io.TempDirFactory;

import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.memory.standalone.MmapMemory;

/** Real files and mappings for the tests: fresh namespaces, and the sector namespace Linux wrote. */
final class BttFiles {
    static final long MIB = 1L << 20;
    static final MemoryProvider PROVIDER = MmapMemory.provider();
    static final BttDriver BTT = LinuxBtt.driver();

    /**
     * The sector namespace Linux wrote (src/test/resources/linux-btt/README.md, sectorns.bin.gz):
     * its BTT's and its label's uuids.
     */
    static final long FIXTURE_SIZE = 64 * MIB;
    static final UUID FIXTURE_BTT_UUID = UUID.fromString("5d03ca09-1c03-47a1-81e7-dde3a149471c");
    static final UUID FIXTURE_PARENT = UUID.fromString("f0feef0f-cbb2-4dcb-a24b-72ab098e880c");

    private static Path fixture;

    private BttFiles() {
    }

    /**
     * Test namespaces live in /dev/shm where it exists: files on tmpfs are real files and real
     * mappings, and persisting them costs a system call rather than a disk flush (several
     * milliseconds here), which would make the write-heavy tests slow.
     */
    static final class Shm implements TempDirFactory {
        @Override
        public Path createTempDirectory(AnnotatedElementContext element, ExtensionContext context)
                throws IOException {
            Path shm = Path.of("/dev/shm");
            return Files.isDirectory(shm) && Files.isWritable(shm) ? Files.createTempDirectory(shm, "btt-test")
                    : Files.createTempDirectory("btt-test");
        }
    }

    /** A fully allocated file of {@code size} zero bytes, mapped whole. */
    static Mapping namespace(Path dir, String name, long size) throws IOException {
        Path file = dir.resolve(name);
        PROVIDER.createFile(file, size);
        return PROVIDER.map(file, 0, size);
    }

    /** Maps {@code size} bytes of an existing file. */
    static Mapping map(Path file, long offset, long size) throws IOException {
        return PROVIDER.map(file, offset, size);
    }

    /** Linux's sector namespace, unpacked once per test run into a sparse file (zero blocks skipped). */
    static synchronized Path fixture() throws IOException {
        if (fixture == null) {
            Path file = Files.createTempFile("ocxlpmem-linux-sectorns", ".img");
            file.toFile().deleteOnExit();
            try (InputStream in = new GZIPInputStream(BttFiles.class.getResourceAsStream(
                    "/linux-btt/sectorns.bin.gz"), 1 << 16)) {
                unpack(in, file);
            }
            fixture = file;
        }
        return fixture;
    }

    /** A private copy of Linux's sector namespace, mapped, for tests that write. */
    static Mapping fixtureCopy(Path dir) throws IOException {
        Path copy = dir.resolve("sectorns.img");
        try (InputStream in = Files.newInputStream(fixture())) {
            unpack(in, copy);
        }
        return PROVIDER.map(copy, 0, FIXTURE_SIZE);
    }

    private static void unpack(InputStream in, Path file) throws IOException {
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            byte[] block = new byte[1 << 16];
            long at = 0;
            int n;
            while ((n = in.readNBytes(block, 0, block.length)) > 0) {
                if (!allZero(block, n)) {
                    out.seek(at);
                    out.write(block, 0, n);
                }
                at += n;
            }
            out.setLength(at);
        }
    }

    static boolean allZero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static byte[] bytes(Mapping m, long offset, int length) {
        byte[] b = new byte[length];
        m.get(offset, b, 0, length);
        return b;
    }
}
