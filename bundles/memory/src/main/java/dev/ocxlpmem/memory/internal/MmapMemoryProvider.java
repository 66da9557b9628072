package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import org.osgi.service.component.annotations.Component;

/**
 * Maps files and devices with JNA {@code mmap}: {@code MAP_SYNC} on DAX file systems (real
 * persistent memory), {@code MAP_SHARED} elsewhere. See {@link MmapMapping} and {@link Region}
 * for how accesses stay safe under faults and concurrent close.
 */
@Component(service = MemoryProvider.class)
public class MmapMemoryProvider implements MemoryProvider {

    private final long pageSize = LibC.pageSize();

    public MmapMemoryProvider() {
    }

    /**
     * Creates the file under a temporary name, allocates every block ({@code posix_fallocate}, so
     * a full disk fails here), syncs it, and links it to its name only then: the name never shows
     * a partly allocated file. An existing file is accepted only with exactly {@code size} bytes,
     * and is never truncated or grown.
     */
    @Override
    public void createFile(Path file, long size) throws IOException {
        Objects.requireNonNull(file, "file");
        if (size <= 0) {
            throw new IllegalArgumentException("size " + size + " of " + file + " must be positive");
        }
        if (Files.exists(file)) {
            checkExisting(file, size);
            return;
        }
        Path absolute = file.toAbsolutePath();
        Path temporary = absolute.resolveSibling("." + absolute.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        // 0600: a card image holds the card's data and labels, for the server's owner alone
        int fd = LibC.open(temporary.toString(), LibC.O_RDWR | LibC.O_CREAT | LibC.O_EXCL | LibC.O_CLOEXEC, 0600);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == LibC.ENOENT) {
                throw new NoSuchFileException(absolute.getParent().toString(), null,
                        "cannot create " + file + ": the directory does not exist");
            }
            throw new IOException("cannot create " + file + ": " + LibC.describe(errno));
        }
        boolean linked = false;
        try {
            int error = LibC.posix_fallocate(fd, 0, size);
            if (error != 0) {
                throw new IOException("cannot allocate " + size + " bytes for " + file + ": " + LibC.describe(error)
                        + (error == LibC.ENOSPC ? "; free some space or choose a smaller size" : ""));
            }
            if (LibC.fsync(fd) != 0) {
                throw new IOException("cannot sync " + file + ": " + LibC.describe(LibC.errno()));
            }
            if (LibC.link(temporary.toString(), absolute.toString()) != 0) {
                int errno = LibC.errno();
                if (errno != LibC.EEXIST) {
                    throw new IOException("cannot create " + file + ": " + LibC.describe(errno));
                }
                // someone else created it meanwhile: theirs stands if it has the right size
            } else {
                linked = true;
            }
        } finally {
            LibC.close(fd);
            LibC.unlink(temporary.toString());
        }
        if (linked) {
            syncDirectory(absolute.getParent());
        } else {
            checkExisting(file, size);
        }
    }

    private static void checkExisting(Path file, long size) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "exists and is not a regular file");
        }
        long existing = Files.size(file);
        if (existing != size) {
            throw new FileAlreadyExistsException(file.toString(), null, "exists with " + existing
                    + " bytes, not the " + size + " asked for; it is neither truncated nor grown: delete it or ask for "
                    + existing + " bytes");
        }
    }

    private static void syncDirectory(Path directory) throws IOException {
        int fd = LibC.open(directory.toString(), LibC.O_RDONLY | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            throw new IOException("cannot open directory " + directory + ": " + LibC.describe(LibC.errno()));
        }
        try {
            if (LibC.fsync(fd) != 0) {
                throw new IOException("cannot sync directory " + directory + ": " + LibC.describe(LibC.errno()));
            }
        } finally {
            LibC.close(fd);
        }
    }

    @Override
    public Mapping map(Path file, long offset, long length) throws IOException {
        Objects.requireNonNull(file, "file");
        if (offset < 0 || length <= 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("cannot map " + length + " bytes at offset " + offset + " of " + file
                    + ": the offset must be non-negative, the length positive, and their sum at most 2^63-1");
        }
        String what = length + " bytes at offset " + offset + " of " + file;
        int fd = LibC.open(file.toString(), LibC.O_RDWR | LibC.O_CLOEXEC, 0);
        if (fd < 0) {
            int errno = LibC.errno();
            if (errno == LibC.ENOENT) {
                throw new NoSuchFileException(file.toString());
            }
            throw new IOException("cannot open " + file + ": " + LibC.describe(errno));
        }
        try {
            // regular files and block devices know their size; a character device (device DAX)
            // answers 0 or an error, and mmap itself refuses a range it does not have
            boolean regular = Files.isRegularFile(file);
            long fileSize = LibC.lseek(fd, 0, LibC.SEEK_END);
            if (regular && fileSize < 0) {
                throw new IOException("cannot size " + file + ": " + LibC.describe(LibC.errno()));
            }
            if ((regular || fileSize > 0) && offset + length > fileSize) {
                throw new IOException("cannot map " + what + ": " + (regular ? "the file" : "the device") + " has only "
                        + fileSize + " bytes, and files are never grown");
            }
            long pageOffset = offset & (pageSize - 1);
            long mapOffset = offset - pageOffset;
            long mapLength = length + pageOffset;
            PmemPolicy.Mapped mapped = PmemPolicy.map(
                    flags -> LibC.mmap(0, mapLength, LibC.PROT_READ | LibC.PROT_WRITE, flags, fd, mapOffset),
                    LibC::errno, what);
            return new MmapMapping(new Region(mapped.address(), mapLength, pageOffset, length, mapped.pmem(),
                    "mapping of " + what, pageSize));
        } finally {
            LibC.close(fd);
        }
    }
}
