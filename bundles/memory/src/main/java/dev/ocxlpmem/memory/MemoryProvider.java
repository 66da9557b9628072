package dev.ocxlpmem.memory;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Maps files or devices into memory. Registered as an OSGi service.
 */
public interface MemoryProvider {

    /**
     * Creates {@code file} with {@code size} bytes fully allocated (so a full disk fails here,
     * not as a fault later), readable and writable by its owner only, or opens it if it exists
     * with exactly that size.
     *
     * @throws IOException if the file exists with another size, or cannot be allocated
     */
    void createFile(Path file, long size) throws IOException;

    /**
     * Maps {@code length} bytes of {@code file} starting at {@code offset}, read-write and shared.
     * The offset need not be page aligned. The file is never grown or truncated.
     *
     * @throws IOException if the file is shorter than {@code offset + length} or cannot be mapped
     */
    Mapping map(Path file, long offset, long length) throws IOException;
}
