package dev.ocxlpmem.bench.scm;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;

/**
 * What the controller benchmarks need of a memory provider: the card's image file, created sparse.
 * They touch only global MMIO, never LPC memory, so nothing is mapped; the memory bundle's
 * provider is internal to it, and these benchmarks use exported APIs only.
 */
final class ImageFiles implements MemoryProvider {

    @Override
    public void createFile(Path file, long size) throws IOException {
        if (Files.exists(file)) {
            if (Files.size(file) != size) {
                throw new IOException(file + " is " + Files.size(file) + " bytes, not " + size);
            }
            return;
        }
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    @Override
    public Mapping map(Path file, long offset, long length) throws IOException {
        throw new IOException("the controller benchmarks map no LPC memory (" + file + ")");
    }
}
