package dev.ocxlpmem.namespaces.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;

/**
 * The Linux fixture card image (src/test/resources/linux-namespaces/), unpacked once per build
 * into a sparse file under target/: only its non-zero blocks are written.
 */
final class FixtureImage {
    static final long SIZE = 1_090_519_040L;
    /** DPA 0: the card's pmem region starts after its 16 MiB label area. */
    static final long DPA0 = 16L << 20;
    private static final Path FILE = Path.of("target", "linux-namespaces", "card-image-4ns.bin");

    private FixtureImage() {
    }

    static synchronized Path path() throws IOException {
        if (Files.exists(FILE) && Files.size(FILE) == SIZE) {
            return FILE;
        }
        Files.createDirectories(FILE.getParent());
        Path tmp = FILE.resolveSibling(FILE.getFileName() + ".tmp");
        try (InputStream in = new GZIPInputStream(
                FixtureImage.class.getResourceAsStream("/linux-namespaces/card-image-4ns.bin.gz"), 1 << 16);
                FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                        StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.SPARSE)) {
            byte[] block = new byte[1 << 16];
            long position = 0;
            while (true) {
                int n = in.readNBytes(block, 0, block.length);
                if (n == 0) {
                    break;
                }
                if (!zero(block, n)) {
                    out.write(ByteBuffer.wrap(block, 0, n), position);
                }
                position += n;
            }
            if (position != SIZE) {
                throw new IOException("the fixture unpacks to " + position + " bytes, not " + SIZE);
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(tmp.toFile(), "rw")) {
            f.setLength(SIZE);
        }
        Files.move(tmp, FILE, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return FILE;
    }

    /** A private copy a test may write into (sparse, from the unpacked image). */
    static Path copy(Path dir) throws IOException {
        Path source = path();
        Path target = dir.resolve("card.bin");
        try (FileChannel in = FileChannel.open(source, StandardOpenOption.READ);
                FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                        StandardOpenOption.SPARSE)) {
            ByteBuffer block = ByteBuffer.allocate(1 << 16);
            for (long pos = 0; pos < SIZE; pos += block.capacity()) {
                block.clear();
                in.read(block, pos);
                block.flip();
                if (!zero(block.array(), block.limit())) {
                    out.write(block, pos);
                }
            }
        }
        try (RandomAccessFile f = new RandomAccessFile(target.toFile(), "rw")) {
            f.setLength(SIZE);
        }
        return target;
    }

    private static boolean zero(byte[] b, int n) {
        for (int i = 0; i < n; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
