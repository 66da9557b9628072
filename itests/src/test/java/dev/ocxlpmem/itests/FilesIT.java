package dev.ocxlpmem.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Hashtable;
import java.util.List;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.cm.Configuration;

/**
 * Issue 17, item 5: every file option of the console, run by an admin, reaches only the files
 * directory ({@code data/ocxlpmem/files}) or a directory an admin configured: an absolute path
 * outside, a {@code ../} escape and a link out are refused with one message, and the file outside
 * stays as it was. (The outside file is a decoy in the container's own folder, never a system file:
 * run against a build without the rule, this test must not damage the machine.)
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class FilesIT extends OcxlpmemTestSupport {
    static final byte[] DECOY = "not the card's: keep me\n".getBytes(StandardCharsets.UTF_8);

    private static Path home() {
        return Path.of(System.getProperty("karaf.home")).toAbsolutePath();
    }

    private static Path files() {
        return Path.of(System.getProperty("karaf.data"), "ocxlpmem", "files").toAbsolutePath();
    }

    /** A file outside the files directory, in the container's folder. */
    private static Path decoy() throws Exception {
        Path decoy = home().resolve("decoy.txt");
        Files.write(decoy, DECOY);
        return decoy;
    }

    /** What every refusal says. */
    private static String outside() {
        return "is outside the files directory " + files();
    }

    @Test
    public void a_everyFileOptionRefusesAPathOutsideTheFilesDirectoryEvenToTheAdmin() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        Path decoy = decoy();
        String up = files().relativize(decoy).toString(); // ../../../decoy.txt
        assertTrue(up, up.startsWith("../"));
        Path fresh = home().resolve("fresh.bin");
        executeCommand("ocxl:firmware-image -V 2.0.0 -o fw.img"); // the files directory exists from here on
        Files.createSymbolicLink(files().resolve("link-out"), decoy);
        executeCommand("ndctl:disable-region region0");
        List<String> rows = List.of(
                "ndctl:read-labels -f -o " + decoy + " nmem0",
                "ndctl:read-labels -f -o " + up + " nmem0",
                "ndctl:read-labels -f -o link-out nmem0",
                "ndctl:read-labels -j -o " + fresh + " nmem0",
                "ndctl:write-labels -i " + decoy + " nmem0",
                "ndctl:write-labels -i " + up + " nmem0",
                "ndctl:write-labels -i link-out nmem0",
                "ndctl:monitor -l " + decoy,
                "ndctl:monitor -l " + up,
                "ndctl:monitor -l link-out",
                "ndctl:update-firmware -f " + decoy + " nmem0",
                "ndctl:update-firmware -f " + up + " nmem0",
                "ndctl:update-firmware -f link-out nmem0",
                "ocxl:dump -f -o " + decoy + " nmem0",
                "ocxl:dump -f -o " + up + " nmem0",
                "ocxl:dump -o " + fresh + " nmem0",
                "ocxl:firmware-image -V 9.9.9 -f -o " + decoy,
                "ocxl:firmware-image -V 9.9.9 -f -o " + up,
                "ocxl:firmware-image -V 9.9.9 -f -o link-out");
        try {
            for (String row : rows) {
                String refusal = failure(row);
                assertTrue(row + ":\n" + refusal, refusal.contains(outside()));
                assertTrue(row + ":\n" + refusal, refusal.contains(decoy.toString()) || refusal.contains(fresh.toString()));
                assertFalse(row + ":\n" + refusal, refusal.contains("\tat "));
                assertArrayEquals(row, DECOY, Files.readAllBytes(decoy));
                assertFalse(row, Files.exists(fresh));
            }
        } finally {
            executeCommand("ndctl:enable-region region0");
        }
        String missing = failure("ndctl:write-labels -i none.bin nmem0");
        assertTrue(missing, missing.contains("no such file: " + files().resolve("none.bin")));
    }

    @Test
    public void b_aRelativeNameIsInTheFilesDirectoryNotKarafsWorkingDirectoryAndTheOwnersAlone() throws Exception {
        executeCommand("ocxl:dump -o rel.bin nmem0");
        Path dump = files().resolve("rel.bin");
        assertTrue(Files.size(dump) > 0);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dump)));
        assertFalse("nothing in Karaf's working directory", new File("rel.bin").getAbsoluteFile().exists());
        executeCommand("ndctl:read-labels -o area.bin nmem0");
        assertEquals(16 << 20, Files.size(files().resolve("area.bin")));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                files().resolve("area.bin"))));
    }

    @Test
    public void c_anotherDirectoryOnlyWhenAnAdminConfiguresIt() throws Exception {
        Path extra = Files.createDirectories(home().resolve("firmware"));
        String image = extra.resolve("fw.img").toString();
        assertTrue(failure("ocxl:firmware-image -V 2.0.0 -o " + image).contains(outside()));
        Configuration files = configurationAdmin.getConfiguration("dev.ocxlpmem.files", null);
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put("directories", new String[] {extra.toString()});
        files.update(properties);
        try {
            awaitCondition(() -> {
                try {
                    executeCommand("ocxl:firmware-image -V 2.0.0 -o " + image);
                    return true;
                } catch (AssertionError notYet) {
                    return false;
                }
            }, "ocxl:firmware-image may write to " + extra);
            String updated = executeCommand("ndctl:update-firmware -f " + image + " nmem0");
            assertTrue(updated, updated.contains("updated 1 nmem."));
        } finally {
            files.delete();
        }
        awaitCondition(() -> {
            try {
                return failure("ndctl:update-firmware -f " + image + " nmem0").contains(outside());
            } catch (AssertionError notYet) {
                return false;
            }
        }, "the directory is refused again once the configuration is gone");
    }
}
