package dev.ocxlpmem.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;

import org.apache.karaf.shell.support.CommandException;

import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.ndctl.Role;

/**
 * The server's files, as the console's file options ({@code -i}, {@code -o}) reach them: the
 * console runs on the server, so these read and write the server's files. Only admins may; only
 * regular files, their size checked before anything is read (never a FIFO, a device or a file
 * larger than asked for); an existing file is replaced only with {@code -f}, and then atomically;
 * a relative name is taken under {@code ${karaf.data}/ocxlpmem/files}. Every refusal names the path.
 */
final class ServerFiles {
    private static final int CHUNK = 64 * 1024;

    private ServerFiles() {
    }

    /** Where relative names go. */
    static Path base() {
        String data = System.getProperty("karaf.data");
        return (data != null ? Path.of(data) : Path.of("data")).resolve("ocxlpmem").resolve("files");
    }

    /** An admin's file: {@code name} as given if absolute, else under {@link #base()}. */
    static Path resolve(Ndctl ndctl, String name, String option) throws CommandException {
        try {
            ndctl.require(Role.ADMIN, "use the server's files (" + option + " " + name + ")");
        } catch (NotPermittedException e) {
            throw new CommandException(e.getMessage());
        }
        Path path = Path.of(name);
        return (path.isAbsolute() ? path : base().resolve(path)).normalize();
    }

    /** The file's bytes, which must be exactly {@code size} of them; read in 64 KiB pieces. */
    static byte[] read(Path file, long size, String what) throws CommandException, IOException {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new CommandException("no file " + file + " to read " + what + " from");
        }
        if (!attributes.isRegularFile()) {
            throw new CommandException(file + " is not a regular file: refused (a FIFO, device or directory "
                    + "could block or never end)");
        }
        if (attributes.size() != size) {
            throw new CommandException(file + " is " + attributes.size() + " bytes but " + what + " is " + size
                    + " bytes: nothing written");
        }
        byte[] data = new byte[(int) size];
        try (InputStream in = Files.newInputStream(file)) {
            for (int done = 0; done < data.length; ) {
                int n = in.read(data, done, Math.min(CHUNK, data.length - done));
                if (n < 0) {
                    throw new CommandException(file + " shrank while it was read (" + done + " of " + size
                            + " bytes): nothing written");
                }
                done += n;
            }
        }
        return data;
    }

    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code content} to {@code file}: refused if the file exists unless {@code force}, and
     * then only over a regular file; written beside it first and moved in place, so that a reader
     * (or a crash) never sees half of it.
     */
    static void write(Path file, boolean force, Content content) throws CommandException, IOException {
        if (Files.exists(file)) {
            if (!force) {
                throw new CommandException(file + " exists: not overwritten (use -f to replace it)");
            }
            if (!Files.isRegularFile(file)) {
                throw new CommandException(file + " is not a regular file: refused");
            }
        }
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".part");
        try {
            try (FileChannel channel = FileChannel.open(tmp, StandardOpenOption.WRITE);
                    OutputStream out = Channels.newOutputStream(channel)) {
                content.writeTo(out);
                channel.force(true);
            }
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes {@code data} in 64 KiB pieces. */
    static void chunks(OutputStream out, byte[] data) throws IOException {
        for (int done = 0; done < data.length; done += CHUNK) {
            out.write(data, done, Math.min(CHUNK, data.length - done));
        }
    }
}
