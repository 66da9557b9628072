package dev.ocxlpmem.ndctl.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.ndctl.LabelBackup;

/**
 * The label areas saved before a wholesale rewrite, and the mark of a rewrite in progress, per
 * DIMM: {@code <root>/<DIMM id>/<time>.<command>.bin} and {@code rewrite-in-progress}.
 *
 * <p>{@code zero-labels} and {@code write-labels} replace an area as a whole and cannot be atomic in
 * place, as in ndctl. So the area is saved first, the mark written, the area rewritten, the mark
 * removed, each step durable before the next. A crash in between leaves the mark, and the service
 * then reports the area as possibly torn, with the backup to restore, instead of reading it as if
 * nothing had happened.
 */
final class LabelBackups {
    /** How many backups a DIMM keeps; older ones are deleted. */
    static final int KEPT = 5;
    private static final String MARK = "rewrite-in-progress";
    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss.SSS")
            .withZone(ZoneOffset.UTC);
    private static final Pattern FILE = Pattern.compile("(\\d{8}-\\d{6}\\.\\d{3})\\.([a-z-]+)\\.bin");
    private static final int CHUNK = 64 * 1024;
    /** A saved area is a DIMM's namespaces and names: for the server's owner alone. */
    private static final FileAttribute<?> OWNER_ONLY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------"));
    private static final FileAttribute<?> OWNER_ONLY_DIRECTORY = PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rwx------"));

    private final Path root;

    LabelBackups(Path root) {
        this.root = root;
    }

    Path root() {
        return root;
    }

    private Path dir(String dimmId) {
        return root.resolve(dimmId.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    /** Saves {@code area} (durable, then visible under its name) and prunes to the newest {@link #KEPT}. */
    LabelBackup save(String dimmId, byte[] area, String before) throws LabelException {
        Path dir = dir(dimmId);
        Instant now = Instant.now();
        String name = NAME.format(now);
        try {
            Files.createDirectories(dir, OWNER_ONLY_DIRECTORY);
            Path file = dir.resolve(name + "." + before + ".bin");
            while (Files.exists(file)) { // two saves within a millisecond
                now = now.plusMillis(1);
                name = NAME.format(now);
                file = dir.resolve(name + "." + before + ".bin");
            }
            Path tmp = dir.resolve(name + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    OWNER_ONLY);
                    OutputStream stream = java.nio.channels.Channels.newOutputStream(out)) {
                for (int done = 0; done < area.length; done += CHUNK) {
                    stream.write(area, done, Math.min(CHUNK, area.length - done));
                }
                out.force(true);
            }
            move(tmp, file);
            sync(dir);
            prune(dimmId);
            return new LabelBackup(name, now, area.length, before);
        } catch (IOException e) {
            throw new LabelException("cannot save the label area of DIMM " + dimmId + " under " + dir
                    + " before rewriting it, so it was not rewritten: " + e.getMessage(), e);
        }
    }

    List<LabelBackup> list(String dimmId) throws LabelException {
        Path dir = dir(dimmId);
        List<LabelBackup> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.bin")) {
            for (Path f : files) {
                var m = FILE.matcher(f.getFileName().toString());
                if (m.matches()) {
                    Instant when = NAME.parse(m.group(1), Instant::from);
                    out.add(new LabelBackup(m.group(1), when, Files.size(f), m.group(2)));
                }
            }
        } catch (IOException e) {
            throw new LabelException("cannot list the label backups in " + dir + ": " + e.getMessage(), e);
        }
        out.sort(Comparator.comparing(LabelBackup::saved).reversed());
        return out;
    }

    /** The bytes of backup {@code name}: exactly {@code size} of them, or a refusal naming the file. */
    byte[] read(String dimmId, String name, long size) throws LabelException {
        LabelBackup backup = list(dimmId).stream().filter(b -> b.name().equals(name)).findFirst()
                .orElseThrow(() -> new LabelException("no label backup '" + name + "' of DIMM " + dimmId + " in "
                        + dir(dimmId) + "; see ndctl:list-label-backups"));
        Path file = dir(dimmId).resolve(backup.name() + "." + backup.before() + ".bin");
        if (backup.size() != size) {
            throw new LabelException(file + " is " + backup.size() + " bytes but the label area is " + size
                    + ": not restored");
        }
        byte[] area = new byte[(int) size];
        try (InputStream in = Files.newInputStream(file)) {
            for (int done = 0; done < area.length; ) {
                int n = in.read(area, done, Math.min(CHUNK, area.length - done));
                if (n < 0) {
                    throw new IOException("it ended after " + done + " bytes");
                }
                done += n;
            }
        } catch (IOException e) {
            throw new LabelException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return area;
    }

    /** Marks a rewrite as begun, durably, before its first write. */
    void begin(String dimmId, String command, LabelBackup backup) throws LabelException {
        Path dir = dir(dimmId);
        String text = command + " " + Instant.now() + " " + backup.name() + "\n";
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(MARK + ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(java.nio.ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                out.force(true);
            }
            move(tmp, dir.resolve(MARK));
            sync(dir);
        } catch (IOException e) {
            throw new LabelException("cannot mark the rewrite of DIMM " + dimmId + " in " + dir
                    + ", so it was not started: " + e.getMessage(), e);
        }
    }

    /** Removes the mark: the area is whole again. */
    void end(String dimmId) throws LabelException {
        Path dir = dir(dimmId);
        try {
            if (Files.deleteIfExists(dir.resolve(MARK))) {
                sync(dir);
            }
        } catch (IOException e) {
            throw new LabelException("cannot clear the rewrite mark of DIMM " + dimmId + " in " + dir + ": "
                    + e.getMessage(), e);
        }
    }

    /** Deletes a backup that a refused rewrite made for nothing. */
    void discard(String dimmId, LabelBackup backup) {
        try {
            Files.deleteIfExists(dir(dimmId).resolve(backup.name() + "." + backup.before() + ".bin"));
        } catch (IOException ignored) {
            // it is only one backup too many, pruned later
        }
    }

    /** A rewrite that began and did not end: {@code zero-labels 2026-12-01T20:30:15Z 20261201-203015.123}. */
    Optional<String[]> pending(String dimmId) throws LabelException {
        Path mark = dir(dimmId).resolve(MARK);
        try {
            String text = Files.readString(mark, StandardCharsets.UTF_8).strip();
            return Optional.of(text.split(" ", 3));
        } catch (NoSuchFileException none) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LabelException("cannot read " + mark + ": " + e.getMessage(), e);
        }
    }

    private void prune(String dimmId) throws IOException, LabelException {
        List<LabelBackup> all = list(dimmId);
        for (int i = KEPT; i < all.size(); i++) {
            Files.deleteIfExists(dir(dimmId).resolve(all.get(i).name() + "." + all.get(i).before() + ".bin"));
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Makes a directory's entries durable (a rename or delete survives a crash). */
    private static void sync(Path dir) throws IOException {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        }
    }
}
