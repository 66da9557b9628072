package dev.ocxlpmem.shell.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivilegedExceptionAction;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** The one rule of the file options, on real files, links and a FIFO. */
class ServerFilesTest {
    static final byte[] SECRET = "root:x:0:0".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path root;

    private OneDimmBus bus;
    private Ndctl ndctl;
    private Path dir;
    private Path outside;
    private Path secret;
    private ServerFiles files;

    @BeforeEach
    void setUp() throws Exception {
        bus = OneDimmBus.blank(131072, 74565);
        ndctl = LibNdctl.over(bus.core(), dev.ocxlpmem.labels.standalone.ConfigDataLabels.store());
        dir = Files.createDirectories(root.resolve("data/ocxlpmem/files"));
        outside = Files.createDirectories(root.resolve("etc"));
        secret = Files.write(outside.resolve("passwd"), SECRET);
        files = new ServerFiles(ndctl, dir, List.of());
    }

    @AfterEach
    void close() {
        bus.close();
    }

    private static String refusal(org.junit.jupiter.api.function.Executable action) {
        return assertThrows(CommandException.class, action).getMessage();
    }

    private void write(String name, boolean force, byte[] data) throws Exception {
        files.write(name, "-o", force, out -> out.write(data));
    }

    private void outsideUntouched() throws Exception {
        assertArrayEquals(SECRET, Files.readAllBytes(secret));
        assertEquals(List.of(secret), Files.list(outside).toList());
    }

    @Test
    void aRelativeNameIsInTheFilesDirectoryAndANewFileIsTheOwnersOnly() throws Exception {
        write("area.bin", false, new byte[] {1, 2, 3});
        Path written = dir.resolve("area.bin");
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(written));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(written)));
        assertArrayEquals(new byte[] {1, 2, 3}, files.read("area.bin", "-i", "the area", 3));
        assertArrayEquals(new byte[] {1, 2, 3}, files.read(written.toString(), "-i", "the area", 3), "absolute, inside");
        assertEquals(written + " exists: not overwritten (use -f to replace it)",
                refusal(() -> write("area.bin", false, new byte[] {9})));
        write("area.bin", true, new byte[] {4});
        assertArrayEquals(new byte[] {4}, Files.readAllBytes(written));
        assertEquals(List.of(written), Files.list(dir).toList(), "no temporary file left");
    }

    @Test
    void anAbsolutePathOutsideIsRefusedEvenForTheAdmin() throws Exception {
        String message = refusal(() -> write(secret.toString(), true, new byte[16]));
        assertEquals(secret + " is outside the files directory " + dir + ": file options read and write only there",
                message);
        assertEquals(secret + " is outside the files directory " + dir + ": file options read and write only there",
                refusal(() -> files.read(secret.toString(), "-i", "the area", SECRET.length)));
        assertTrue(refusal(() -> write(outside.resolve("new").toString(), false, new byte[1]))
                .contains("is outside the files directory"));
        outsideUntouched();
    }

    @Test
    void dotDotDoesNotLeadOut() throws Exception {
        String up = "../../../etc/passwd";
        assertEquals(secret + " is outside the files directory " + dir + ": file options read and write only there",
                refusal(() -> write(up, true, new byte[16])));
        assertTrue(refusal(() -> write("../../../etc/new", false, new byte[1])).contains("is outside"));
        assertTrue(refusal(() -> write("../../../nowhere/new", false, new byte[1])).contains("is outside"),
                "outside before it is looked for");
        outsideUntouched();
    }

    @Test
    void aLinkOutIsRefusedAndALinkInIsFollowed() throws Exception {
        Path out = Files.createSymbolicLink(dir.resolve("out"), secret);
        String message = refusal(() -> files.read("out", "-i", "the area", SECRET.length));
        assertEquals(out + " (really " + secret + ") is outside the files directory " + dir
                + ": file options read and write only there", message);
        assertTrue(refusal(() -> write("out", true, new byte[16])).contains("is outside"));
        Files.createSymbolicLink(dir.resolve("etc"), outside);
        assertTrue(refusal(() -> write("etc/new", false, new byte[1])).contains("is outside"), "a directory link out");
        Files.createSymbolicLink(dir.resolve("dangling"), outside.resolve("created-through-the-link"));
        assertEquals(dir.resolve("dangling") + " exists: not overwritten (use -f to replace it)",
                refusal(() -> write("dangling", false, new byte[1])));
        outsideUntouched();

        write("target.bin", false, new byte[] {7});
        Files.createSymbolicLink(dir.resolve("in"), dir.resolve("target.bin"));
        assertArrayEquals(new byte[] {7}, files.read("in", "-i", "the area", 1), "a link inside to inside");
        Path fromOutside = Files.createSymbolicLink(outside.resolve("to-files"), dir.resolve("target.bin"));
        assertArrayEquals(new byte[] {7}, files.read(fromOutside.toString(), "-i", "the area", 1),
                "its real path is inside");
        Files.delete(fromOutside);
    }

    @Test
    void aFifoIsRefusedWithoutBlocking() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        String message = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> refusal(() -> files.read("fifo", "-i", "the area", 16)));
        assertEquals(fifo + " is not a regular file: refused (a FIFO, device or directory could block or never end)",
                message);
        assertTrue(refusal(() -> write("fifo", true, new byte[1])).contains("is not a regular file"));
        assertTrue(assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusal(() -> files.append("fifo", "-l")))
                .contains("is not a regular file"));
    }

    @Test
    void aMissingFileSaysSo() throws Exception {
        assertEquals("no such file: " + dir.resolve("none.bin") + " (a relative name is in the files directory " + dir
                + ")", refusal(() -> files.read("none.bin", "-i", "the area", 16)));
        assertEquals("no such file: " + dir.resolve("none.bin"),
                refusal(() -> files.read(dir.resolve("none.bin").toString(), "-i", "the area", 16)));
        assertEquals("no such directory: " + dir.resolve("sub"), refusal(() -> write("sub/x.bin", false, new byte[1])));
        write("small.bin", false, new byte[4]);
        assertEquals(dir.resolve("small.bin") + " is 4 bytes but the area is 16 bytes: nothing written",
                refusal(() -> files.read("small.bin", "-i", "the area", 16)));
        assertEquals(dir.resolve("small.bin") + " is 4 bytes; a firmware image is at most 2",
                refusal(() -> files.readAtMost("small.bin", "-f", "a firmware image", 2)));
    }

    @Test
    void aSecondDirectoryIsAllowedOnlyWhenConfigured() throws Exception {
        Path second = Files.createDirectories(root.resolve("srv/images"));
        String target = second.resolve("fw.img").toString();
        assertTrue(refusal(() -> write(target, false, new byte[] {5})).contains("is outside the files directory"));
        ServerFiles configured = new ServerFiles(ndctl, dir, List.of(second.toString(), "relative/ignored"));
        configured.write(target, "-o", false, out -> out.write(5));
        assertArrayEquals(new byte[] {5}, configured.readAtMost(target, "-f", "a firmware image", 10));
        assertEquals(root.resolve("srv/other") + " is outside the files directory " + dir + " and " + second
                + ": file options read and write only there",
                refusal(() -> configured.write(root.resolve("srv/other").toString(), "-o", false, out -> { })));
        try (SeekableByteChannel log = configured.append(second.resolve("monitor.log").toString(), "-l")) {
            log.write(ByteBuffer.wrap("one\n".getBytes(StandardCharsets.UTF_8)));
        }
        try (SeekableByteChannel log = configured.append(second.resolve("monitor.log").toString(), "-l")) {
            log.write(ByteBuffer.wrap("two\n".getBytes(StandardCharsets.UTF_8)));
        }
        assertEquals("one\ntwo\n", Files.readString(second.resolve("monitor.log")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                second.resolve("monitor.log"))));
    }

    @Test
    void onlyAnAdminUsesThem() throws Exception {
        Subject viewer = new Subject();
        viewer.getPrincipals().add(new RolePrincipal("viewer"));
        viewer.getPrincipals().add(new RolePrincipal("manager"));
        @SuppressWarnings("removal")
        String message = refusal(() -> {
            try {
                Subject.doAs(viewer, (PrivilegedExceptionAction<Void>) () -> {
                    write("x.bin", false, new byte[1]);
                    return null;
                });
            } catch (java.security.PrivilegedActionException e) {
                throw e.getException();
            }
        });
        assertEquals("to use the server's files (-o x.bin) needs the admin role; the caller has the roles manager, "
                + "viewer", message);
        assertFalse(Files.exists(dir.resolve("x.bin")));
    }

    /**
     * A directory swapped for a link out while files are written through it: whatever the timing,
     * nothing is ever written outside (each open goes down from the allowed directory without
     * following a link).
     */
    @Test
    void aLinkSwappedInBetweenCheckAndOpenDoesNotLeadOut() throws Exception {
        Path sub = dir.resolve("sub");
        Path real = dir.resolve("sub.real");
        Path link = dir.resolve("sub.link");
        Files.createDirectories(real);
        Files.createSymbolicLink(link, outside);
        Files.move(real, sub);
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<Exception> failed = new AtomicReference<>();
        Thread swapper = new Thread(() -> {
            try {
                while (!stop.get()) {
                    Files.move(sub, real);
                    Files.move(link, sub); // sub is now a link out
                    Files.move(sub, link);
                    Files.move(real, sub);
                }
            } catch (Exception e) {
                failed.set(e);
            }
        });
        swapper.start();
        int written = 0;
        int refusedCount = 0;
        try {
            long end = System.nanoTime() + Duration.ofSeconds(3).toNanos();
            while (System.nanoTime() < end) {
                try {
                    files.write("sub/x.bin", "-o", true, out -> out.write(1));
                    written++;
                } catch (CommandException e) {
                    refusedCount++;
                }
            }
        } finally {
            stop.set(true);
            swapper.join();
        }
        assertEquals(null, failed.get(), "the swapper ran throughout");
        outsideUntouched();
        assertTrue(written > 0 && refusedCount > 0, written + " written, " + refusedCount + " refused");
    }
}
