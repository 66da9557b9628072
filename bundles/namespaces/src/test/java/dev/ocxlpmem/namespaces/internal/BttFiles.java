package dev.ocxlpmem.namespaces.internal;

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

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;

/** Real files and mappings for the tests: fresh namespaces, and the Linux card image's sector namespace. */
final class BttFiles {
    static final long MIB = 1L << 20;
    static final MemoryProvider PROVIDER = MemoryProvider.standalone();

    /** The Linux fixture (src/test/resources/linux-namespaces/README.md): label slot 3. */
    static final long FIXTURE_LABEL_AREA = 16 * MIB;
    static final long FIXTURE_DPA = 0xc000000L;
    static final long FIXTURE_SIZE = 0x4000000L;
    static final UUID FIXTURE_BTT_UUID = UUID.fromString("5d03ca09-1c03-47a1-81e7-dde3a149471c");
    static final UUID FIXTURE_PARENT = UUID.fromString("f0feef0f-cbb2-4dcb-a24b-72ab098e880c");

    private static Path image;

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

    /**
     * The whole 1 GiB card image Linux wrote, unpacked once per test run into a sparse file
     * (zero blocks are skipped, not written).
     */
    static synchronized Path cardImage() throws IOException {
        if (image == null) {
            Path file = Files.createTempFile("ocxlpmem-linux-card", ".img");
            file.toFile().deleteOnExit();
            try (InputStream in = new GZIPInputStream(BttFiles.class.getResourceAsStream(
                    "/linux-namespaces/card-image-4ns.bin.gz"), 1 << 16);
                    RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
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
            image = file;
        }
        return image;
    }

    /** A private copy of the fixture's sector namespace (64 MiB), mapped, for tests that write. */
    static Mapping fixtureCopy(Path dir) throws IOException {
        Path copy = dir.resolve("sectorns.img");
        try (Mapping src = PROVIDER.map(cardImage(), FIXTURE_LABEL_AREA + FIXTURE_DPA, FIXTURE_SIZE);
                RandomAccessFile out = new RandomAccessFile(copy.toFile(), "rw")) {
            out.setLength(FIXTURE_SIZE);
            byte[] block = new byte[1 << 16];
            for (long at = 0; at < FIXTURE_SIZE; at += block.length) {
                src.get(at, block, 0, block.length);
                if (!allZero(block, block.length)) {
                    out.seek(at);
                    out.write(block);
                }
            }
        }
        return PROVIDER.map(copy, 0, FIXTURE_SIZE);
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
