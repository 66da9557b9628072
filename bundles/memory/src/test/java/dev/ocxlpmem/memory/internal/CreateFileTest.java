package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateFileTest {

    private final MmapMemoryProvider provider = new MmapMemoryProvider();

    @TempDir
    Path dir;

    @Test
    void createsTheFileWithEveryBlockAllocated() throws IOException {
        Path file = dir.resolve("a.img");
        provider.createFile(file, 10L << 20);
        assertEquals(10L << 20, Files.size(file));
        // st_blocks counts 512-byte units actually allocated: fallocate, not a sparse file
        long allocated = allocatedBytes(file);
        assertTrue(allocated >= 10L << 20, "allocated " + allocated + " bytes");
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left behind");
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(file)), "a card's data is its owner's alone");
    }

    /** st_blocks * 512: the bytes the file system really allocated (a sparse file has fewer). */
    static long allocatedBytes(Path file) throws IOException {
        Process stat = new ProcessBuilder("stat", "-c", "%b %B", file.toString()).redirectErrorStream(true).start();
        String[] out = new String(stat.getInputStream().readAllBytes()).trim().split(" ");
        return Long.parseLong(out[0]) * Long.parseLong(out[1]);
    }

    @Test
    void existingFileOfTheSameSizeIsKeptAsItIs() throws IOException {
        Path file = dir.resolve("b.img");
        byte[] content = new byte[8192];
        content[100] = 42;
        Files.write(file, content);
        provider.createFile(file, 8192);
        assertArrayEquals(content, Files.readAllBytes(file));
    }

    @Test
    void existingFileOfAnotherSizeIsRefusedAndUntouched() throws IOException {
        Path file = dir.resolve("c.img");
        Files.write(file, new byte[4096]);
        FileAlreadyExistsException bigger = assertThrows(FileAlreadyExistsException.class,
                () -> provider.createFile(file, 8192));
        assertTrue(bigger.getMessage().contains("4096"), bigger.getMessage());
        assertThrows(FileAlreadyExistsException.class, () -> provider.createFile(file, 1024));
        assertEquals(4096, Files.size(file));
        assertThrows(FileAlreadyExistsException.class, () -> provider.createFile(dir, 4096));
    }

    @Test
    void fullDiskFailsAtCreation() throws IOException {
        Path file = dir.resolve("huge.img");
        // far more than any disk here: posix_fallocate fails with ENOSPC (or EFBIG) instead of a fault later
        IOException e = assertThrows(IOException.class, () -> provider.createFile(file, 1L << 60));
        assertTrue(e.getMessage().contains("cannot allocate"), e.getMessage());
        assertTrue(Files.notExists(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "the temporary file is removed");
        }
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> provider.createFile(dir.resolve("z"), 0));
        assertThrows(NoSuchFileException.class, () -> provider.createFile(dir.resolve("no/such/dir.img"), 4096));
    }

    @Test
    void permissionsFollowTheUmask() throws IOException {
        Path file = dir.resolve("p.img");
        provider.createFile(file, 4096);
        PosixFileAttributes attributes = Files.readAttributes(file, PosixFileAttributes.class);
        assertTrue(attributes.permissions().contains(java.nio.file.attribute.PosixFilePermission.OWNER_WRITE));
    }
}
