package dev.ocxlpmem.shell.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import org.apache.karaf.shell.support.CommandException;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.Designate;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.ndctl.Role;

/**
 * The server's files, as the console's file options reach them ({@code read-labels -o},
 * {@code write-labels -i}, {@code monitor -l}, {@code update-firmware -f}, {@code ocxl:dump -o},
 * {@code ocxl:firmware-image -o}). The console runs on the server, as root on an appliance, so one
 * rule holds for every option and every user, admin included: a file is used only inside the files
 * directory ({@code ${karaf.data}/ocxlpmem/files}, where a relative name goes) or another directory
 * an admin lists in the configuration {@value #PID}, judged after {@code ..} and symbolic links are
 * resolved (an existing file's real path, a new file's directory's real path). The file is then
 * opened from that directory one name at a time without following a link ({@code openat} with
 * {@code O_NOFOLLOW}, through {@link SecureDirectoryStream}): a link swapped in after the check
 * cannot lead out. Besides: admins only; regular files only, their size checked before they are
 * read; an existing file replaced only with {@code -f}, and then atomically; new files 0600.
 */
@Component(service = ServerFiles.class, configurationPid = ServerFiles.PID)
@Designate(ocd = ServerFiles.Config.class)
public final class ServerFiles {
    static final String PID = "dev.ocxlpmem.files";
    private static final Logger LOG = LoggerFactory.getLogger(ServerFiles.class);
    private static final int CHUNK = 64 * 1024;
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> OWNER_ONLY_DIRECTORY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"));

    @ObjectClassDefinition(name = "ocxlpmem: the server's files",
            description = "Where the console's file options (read-labels -o, write-labels -i, monitor -l, "
                    + "update-firmware -f, ocxl:dump -o, ocxl:firmware-image -o) may read and write: the files "
                    + "directory ${karaf.data}/ocxlpmem/files, and these")
    @interface Config {
        @AttributeDefinition(name = "More directories", required = false,
                description = "Absolute paths of more directories whose files, and their subdirectories' files, "
                        + "the file options may use")
        String[] directories() default {};
    }

    /** Where the file is: an allowed directory, and the file's path below it (no link, no {@code ..}). */
    private record Target(Path root, Path relative) {
        Path path() {
            return root.resolve(relative);
        }
    }

    private final Ndctl ndctl;
    private final Path files;
    private volatile List<Path> more;

    @Activate
    public ServerFiles(BundleContext context, @Reference Ndctl ndctl, Config config) {
        this(ndctl, filesDirectory(context.getProperty("karaf.data")), List.of(config.directories()));
    }

    /** Outside OSGi, for tests: the files directory and more allowed directories. */
    ServerFiles(Ndctl ndctl, Path files, List<String> more) {
        this.ndctl = ndctl;
        this.files = files.toAbsolutePath().normalize();
        this.more = directories(more);
    }

    @Modified
    void modified(Config config) {
        more = directories(List.of(config.directories()));
    }

    private static Path filesDirectory(String karafData) {
        return (karafData != null ? Path.of(karafData) : Path.of("data")).resolve("ocxlpmem").resolve("files");
    }

    private static List<Path> directories(List<String> configured) {
        List<Path> out = new ArrayList<>();
        for (String d : configured) {
            Path p = d == null || d.isBlank() ? null : Path.of(d.strip());
            if (p == null || !p.isAbsolute()) {
                LOG.warn("{}: directory '{}' ignored: give an absolute path", PID, d);
            } else {
                out.add(p.normalize());
            }
        }
        return List.copyOf(out);
    }

    /** The files directory, where a relative name goes. */
    Path directory() {
        return files;
    }

    /** The bytes of an admin's file that must be exactly {@code size} bytes long ({@code what} is that many). */
    byte[] read(String name, String option, String what, long size) throws CommandException, IOException {
        return read(name, option, what, size, size);
    }

    /** The bytes of an admin's file of at most {@code limit} bytes. */
    byte[] readAtMost(String name, String option, String what, long limit) throws CommandException, IOException {
        return read(name, option, what, 0, limit);
    }

    private byte[] read(String name, String option, String what, long min, long max)
            throws CommandException, IOException {
        Target t = resolve(name, option, true);
        Path shown = t.path();
        return inDirectory(t, (dir, file) -> {
            BasicFileAttributes attributes = dir.getFileAttributeView(file, BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).readAttributes();
            if (!attributes.isRegularFile()) {
                throw new CommandException(shown + " is not a regular file: refused (a FIFO, device or directory "
                        + "could block or never end)");
            }
            long size = attributes.size();
            if (min == max && size != max) {
                throw new CommandException(shown + " is " + size + " bytes but " + what + " is " + max
                        + " bytes: nothing written");
            }
            if (size > max) {
                throw new CommandException(shown + " is " + size + " bytes; " + what + " is at most " + max);
            }
            try (SeekableByteChannel channel = dir.newByteChannel(file, Set.of(StandardOpenOption.READ,
                    LinkOption.NOFOLLOW_LINKS)); InputStream in = Channels.newInputStream(channel)) {
                byte[] data = new byte[(int) size];
                for (int done = 0; done < data.length; ) {
                    int n = in.read(data, done, Math.min(CHUNK, data.length - done));
                    if (n < 0) {
                        throw new CommandException(shown + " shrank while it was read (" + done + " of " + size
                                + " bytes): nothing written");
                    }
                    done += n;
                }
                return data;
            }
        });
    }

    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Where an admin's file to write would go, checked as {@link #write} checks it; for commands
     * that refuse early, before the work whose result they write.
     */
    Path output(String name, String option, boolean force) throws CommandException, IOException {
        Target t = resolve(name, option, false);
        inDirectory(t, (dir, file) -> requireReplaceable(t, dir, file, force));
        return t.path();
    }

    /**
     * Writes {@code content} to an admin's file: refused if the file exists unless {@code force},
     * and then only over a regular file; written beside it first and renamed over it, so that a
     * reader (or a crash) never sees half of it. Returns the file's path.
     */
    Path write(String name, String option, boolean force, Content content) throws CommandException, IOException {
        Target t = resolve(name, option, false);
        inDirectory(t, (dir, file) -> {
            requireReplaceable(t, dir, file, force);
            Path part = Path.of("." + file + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
            try {
                try (SeekableByteChannel channel = dir.newByteChannel(part, Set.of(StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS), OWNER_ONLY);
                        OutputStream out = Channels.newOutputStream(channel)) {
                    content.writeTo(out);
                    out.flush();
                    ((FileChannel) channel).force(true);
                }
                dir.move(part, dir, file); // renameat: atomic, and it replaces a link itself, never its target
            } finally {
                try {
                    dir.deleteFile(part);
                } catch (NoSuchFileException moved) {
                    // renamed in place
                }
            }
            try (FileChannel directory = FileChannel.open(t.path().getParent(), StandardOpenOption.READ)) {
                directory.force(true); // the rename survives a crash
            }
            return null;
        });
        return t.path();
    }

    /** An admin's file opened to append to (created 0600 if new); {@code monitor -l}. */
    SeekableByteChannel append(String name, String option) throws CommandException, IOException {
        Target t = resolve(name, option, false);
        return inDirectory(t, (dir, file) -> {
            try {
                if (!dir.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                        .readAttributes().isRegularFile()) {
                    throw new CommandException(t.path() + " is not a regular file: refused");
                }
            } catch (NoSuchFileException none) {
                // created now
            }
            return dir.newByteChannel(file, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS), OWNER_ONLY);
        });
    }

    private static Void requireReplaceable(Target t, SecureDirectoryStream<Path> dir, Path file, boolean force)
            throws CommandException, IOException {
        BasicFileAttributes attributes;
        try {
            attributes = dir.getFileAttributeView(file, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .readAttributes();
        } catch (NoSuchFileException none) {
            return null;
        }
        if (!force) {
            throw new CommandException(t.path() + " exists: not overwritten (use -f to replace it)");
        }
        if (!attributes.isRegularFile()) {
            throw new CommandException(t.path() + " is not a regular file: refused");
        }
        return null;
    }

    /** Writes {@code data} in 64 KiB pieces. */
    static void chunks(OutputStream out, byte[] data) throws IOException {
        for (int done = 0; done < data.length; done += CHUNK) {
            out.write(data, done, Math.min(CHUNK, data.length - done));
        }
    }

    /**
     * The rule: an admin's name, made absolute under the files directory if relative, resolved to
     * its real path (a new file: its directory's), and inside an allowed directory.
     */
    private Target resolve(String name, String option, boolean existing) throws CommandException, IOException {
        try {
            ndctl.require(Role.ADMIN, "use the server's files (" + option + " " + name + ")");
        } catch (NotPermittedException e) {
            throw new CommandException(e.getMessage());
        }
        Path given;
        try {
            given = Path.of(name);
        } catch (InvalidPathException e) {
            throw new CommandException("'" + name + "' is not a file name: " + e.getReason());
        }
        Path path = given.isAbsolute() ? given : files.resolve(given);
        try {
            return inside(path, given, existing);
        } catch (NoSuchFileException e) {
            throw new CommandException("no such file: " + path.normalize() + " (it went away while it was looked at)");
        }
    }

    private Target inside(Path path, Path given, boolean existing) throws CommandException, IOException {
        Path real;
        if (Files.exists(path)) {
            real = path.toRealPath();
        } else if (!lexicallyInside(path.normalize())) {
            real = path.normalize(); // refused below, without looking further
        } else if (existing) {
            throw new CommandException("no such file: " + path.normalize() + (given.isAbsolute() ? ""
                    : " (a relative name is in the files directory " + files + ")"));
        } else {
            Path parent = path.normalize().getParent();
            if (parent.equals(files)) {
                Files.createDirectories(files, OWNER_ONLY_DIRECTORY);
            }
            try {
                real = parent.toRealPath().resolve(path.normalize().getFileName());
            } catch (NoSuchFileException e) {
                throw new CommandException("no such directory: " + parent);
            }
        }
        for (Path allowed : allowed()) {
            if (real.equals(allowed)) {
                throw new CommandException(path.normalize() + " is not a regular file: refused");
            }
            if (real.startsWith(allowed)) {
                return new Target(allowed, allowed.relativize(real));
            }
        }
        throw new CommandException(path.normalize() + (real.equals(path.normalize()) ? "" : " (really " + real + ")")
                + " is outside the files directory " + files
                + (more.isEmpty() ? "" : " and " + String.join(", ", more.stream().map(Path::toString).toList()))
                + ": file options read and write only there");
    }

    private boolean lexicallyInside(Path path) {
        List<Path> all = new ArrayList<>(more);
        all.add(files);
        all.addAll(allowed());
        return all.stream().anyMatch(d -> path.startsWith(d) && !path.equals(d));
    }

    /** The allowed directories that exist, as their real paths. */
    private List<Path> allowed() {
        List<Path> out = new ArrayList<>();
        List<Path> all = new ArrayList<>();
        all.add(files);
        all.addAll(more);
        for (Path d : all) {
            try {
                out.add(d.toRealPath());
            } catch (IOException missing) {
                // nothing of it can be used until it exists
            }
        }
        return out;
    }

    @FunctionalInterface
    private interface InDirectory<T> {
        T run(SecureDirectoryStream<Path> directory, Path file) throws CommandException, IOException;
    }

    /**
     * Opens the target's directory from its allowed directory one name at a time, never following
     * a link, and runs {@code action} on the file's name there.
     */
    private static <T> T inDirectory(Target t, InDirectory<T> action) throws CommandException, IOException {
        List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
        try {
            DirectoryStream<Path> root = Files.newDirectoryStream(t.root());
            if (!(root instanceof SecureDirectoryStream<Path> dir)) {
                root.close();
                throw new IOException("this platform cannot open files relative to a directory (openat)");
            }
            opened.add(dir);
            Path parent = t.relative().getParent();
            if (parent != null) {
                for (Path name : parent) {
                    dir = dir.newDirectoryStream(name, LinkOption.NOFOLLOW_LINKS);
                    opened.add(dir);
                }
            }
            return action.run(dir, t.relative().getFileName());
        } catch (NoSuchFileException e) {
            throw new CommandException("no such file: " + t.path() + " (it went away while it was opened)");
        } catch (FileSystemException e) {
            if (e instanceof FileAlreadyExistsException || !String.valueOf(e.getReason()).contains("symbolic link")) {
                throw e;
            }
            throw new CommandException(t.path() + " changed while it was opened (a symbolic link appeared): refused");
        } finally {
            for (int i = opened.size() - 1; i >= 0; i--) {
                opened.get(i).close();
            }
        }
    }
}
