package dev.ocxlpmem.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image deleted, truncated or replaced under a running card is reported once, as what happened. */
class ImageWatchTest {
    @TempDir
    Path dir;

    private Path image(String name) throws Exception {
        Path image = dir.resolve(name);
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(1 << 20);
        }
        return image;
    }

    private static String await(List<String> seen) throws InterruptedException {
        for (int i = 0; i < 200 && seen.isEmpty(); i++) {
            Thread.sleep(20);
        }
        Thread.sleep(100); // and no second report
        assertEquals(1, seen.size(), seen.toString());
        return seen.get(0);
    }

    @Test
    void deletedTruncatedOrReplaced() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Path a = image("a.img");
        try (ImageWatch w = new ImageWatch(a, 1 << 20, 10, seen::add)) {
            Files.delete(a);
            assertTrue(await(seen).endsWith("a.img was deleted while the card used it: writes since go to a file that "
                    + "is gone from the directory and will be lost when the card stops"));
        }
        seen.clear();
        Path b = image("b.img");
        try (ImageWatch w = new ImageWatch(b, 1 << 20, 10, seen::add)) {
            try (RandomAccessFile f = new RandomAccessFile(b.toFile(), "rw")) {
                f.setLength(4096);
            }
            assertTrue(await(seen).contains("b.img was truncated to 4096 of 1048576 bytes"));
        }
        seen.clear();
        Path c = image("c.img");
        try (ImageWatch w = new ImageWatch(c, 1 << 20, 10, seen::add)) {
            Files.move(image("d.img"), c, StandardCopyOption.REPLACE_EXISTING);
            assertTrue(await(seen).contains("c.img was replaced by another file"));
        }
        seen.clear();
        Path e = image("e.img");
        try (ImageWatch w = new ImageWatch(e, 1 << 20, 10, seen::add)) {
            Thread.sleep(100);
            assertTrue(seen.isEmpty(), "an image left alone is not reported");
        }
    }
}
