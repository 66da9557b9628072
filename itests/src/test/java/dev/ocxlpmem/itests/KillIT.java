package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.testing.InMemoryDimm;
import dev.ocxlpmem.testing.OneDimmBus;

/**
 * The label commands against kill -9, as an operator would meet it: the real distribution runs as
 * a process, a script sends {@code init-labels -f} or {@code write-labels} through {@code bin/client},
 * and the Karaf JVM is killed at a random moment. After each restart the card's label area (read
 * from its image file) must hold the namespaces of before or after; a wholesale rewrite cut off
 * half-way may instead be reported as torn by read-labels, and is then restored from its backup.
 * Rounds: {@code -Docxlpmem.kill.rounds=N} (a few by default; the opt-in profile runs 100).
 */
public class KillIT {
    private static final int AREA = 16 << 20;
    private static final long COOKIE = 74565;
    private static final int ROUNDS = Integer.getInteger("ocxlpmem.kill.rounds", 2);
    private static File home;
    private static int sshPort;
    private static Process karaf;

    @BeforeClass
    public static void unpack() throws Exception {
        File archive = new File(System.getProperty("ocxlpmem.distribution",
                "target/distribution/karaf-distribution.tar.gz")).getAbsoluteFile();
        home = new File("target/kill/karaf").getAbsoluteFile();
        deleteTree(home.getParentFile().toPath());
        home.mkdirs();
        run(new ProcessBuilder("tar", "-xzf", archive.getPath(), "-C", home.getPath(), "--strip-components=1"));
        sshPort = freePort();
        edit("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        edit("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        edit("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
        edit("etc/org.ops4j.pax.web.cfg", "org.osgi.service.http.port", freePort());
        start();
        long t0 = System.nanoTime();
        assertEquals(0, client("ndctl:disable-region region0").status);
        clientMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
    }

    /** How long bin/client takes to get a command to Karaf and back here: the kills aim around it. */
    private static long clientMillis;

    @AfterClass
    public static void stop() throws Exception {
        if (karaf != null) {
            kill9();
        }
        if (!Boolean.getBoolean("ocxlpmem.itest.keep")) {
            deleteTree(home.getParentFile().toPath());
        }
    }

    @Test
    public void killedAtRandomTheLabelsReadAsBeforeOrAfterOrSayTheyAreTorn() throws Exception {
        Random random = new Random(Long.getLong("ocxlpmem.kill.seed", System.nanoTime()));
        File[] images = {areaFile("a", 3), areaFile("b", 7)};
        Map<String, Integer> outcomes = new TreeMap<>();
        for (int round = 0; round < ROUNDS; round++) {
            byte[] before = labelArea();
            boolean init = round % 2 == 0;
            File image = images[(round / 2) % 2];
            byte[] after = init ? fresh() : Files.readAllBytes(image.toPath());
            String command = init ? "ndctl:init-labels -f -V 1.2 nmem0" : "ndctl:write-labels -i " + image + " nmem0";
            Process client = clientProcess(command);
            // the client's JVM starts (about clientMillis), then the command runs for a second or two
            Thread.sleep(clientMillis / 2 + random.nextInt((int) clientMillis + 2500));
            kill9();
            client.destroyForcibly().waitFor();
            start();
            byte[] now = labelArea();
            String outcome;
            Set<UUID> found = namespaces(now);
            if (found != null && found.equals(namespaces(after))) {
                outcome = "after";
            } else if (java.util.Objects.equals(found, namespaces(before))) {
                outcome = "before";
            } else {
                // neither: only a wholesale rewrite may leave that, and then it must say so
                assertTrue("round " + round + ": init-labels left neither the old nor the new area", !init);
                Result read = client("ndctl:read-labels -j nmem0");
                assertEquals("round " + round + ": a torn area read without complaint:\n" + read.output, 1, read.status);
                assertTrue(read.output, read.output.contains("may be torn"));
                assertEquals(0, client("ndctl:restore-labels nmem0").status);
                assertEquals("round " + round + ": the backup is the area before", namespaces(before),
                        namespaces(labelArea()));
                outcome = "torn, reported, restored";
            }
            if (!outcome.startsWith("torn")) {
                Result check = client("ndctl:check-labels nmem0");
                assertTrue("round " + round + ": " + outcome + " but:\n" + check.output,
                        check.status == 0 || found == null);
            }
            outcomes.merge((init ? "init-labels: " : "write-labels: ") + outcome, 1, Integer::sum);
        }
        System.out.println("kill -9 during label commands, " + ROUNDS + " rounds: " + outcomes);
    }

    // ------------------------------------------------------------------ the label area, outside Karaf

    private static byte[] labelArea() throws IOException {
        byte[] area = new byte[AREA];
        try (RandomAccessFile f = new RandomAccessFile(new File(home, "data/ocxlpmem/card0.img"), "r")) {
            f.readFully(area);
        }
        return area;
    }

    /** The namespaces an area holds, or null when no index is valid. */
    private static Set<UUID> namespaces(byte[] area) throws Exception {
        try (OneDimmBus t = OneDimmBus.with(area, COOKIE)) {
            LabelReading r = ConfigDataLabels.store().read(t.dimm());
            return r.labels().stream().map(NamespaceLabel::uuid).collect(Collectors.toSet());
        } catch (LabelException e) {
            return null;
        }
    }

    private static byte[] fresh() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(AREA, COOKIE).disabled()) {
            ConfigDataLabels.store().init(t.dimm(), LabelVersion.V1_2, false);
            return t.card().snapshot();
        }
    }

    private static File areaFile(String name, int count) throws Exception {
        try (OneDimmBus t = new OneDimmBus(InMemoryDimm.blank(AREA), COOKIE).disabled()) {
            LabelStore store = ConfigDataLabels.store();
            store.init(t.dimm(), LabelVersion.V1_2, false);
            for (int i = 0; i < count; i++) {
                store.create(t.dimm(), NamespaceSpec.raw(UUID.randomUUID(), name + i, (long) i << 24, 1 << 24));
            }
            File file = new File(home.getParentFile(), name + ".labels");
            Files.write(file.toPath(), t.card().snapshot());
            return file;
        }
    }

    // ------------------------------------------------------------------ the Karaf process

    private static void start() throws Exception {
        ProcessBuilder b = new ProcessBuilder(new File(home, "bin/karaf").getPath(), "server")
                .redirectOutput(new File(home.getParentFile(), "karaf.out"))
                .redirectErrorStream(true);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = b.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (listening(sshPort) && client("ndctl:list -R -i").output.contains("region0")) {
                return;
            }
            if (!karaf.isAlive()) {
                fail("Karaf died at start; see " + new File(home.getParentFile(), "karaf.out"));
            }
            Thread.sleep(500);
        }
        fail("Karaf did not come up in 180 s");
    }

    /** SIGKILL to Karaf's JVM (bin/karaf runs it as a child) and then to the script. */
    private static void kill9() throws Exception {
        for (ProcessHandle jvm : karaf.descendants().toList()) {
            run(new ProcessBuilder("kill", "-9", Long.toString(jvm.pid())));
            jvm.onExit().get(30, TimeUnit.SECONDS);
        }
        karaf.destroyForcibly().waitFor();
    }

    private static boolean listening(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private record Result(int status, String output) {
    }

    private static Process clientProcess(String command) throws IOException {
        ProcessBuilder b = new ProcessBuilder(new File(home, "bin/client").getPath(), "-a", Integer.toString(sshPort),
                "-u", "karaf", "-p", "karaf", "-b").redirectErrorStream(true);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = b.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        return p;
    }

    private static Result client(String command) throws Exception {
        Process p = clientProcess(command);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream stream = p.getInputStream()) {
            stream.transferTo(out);
        }
        p.waitFor(60, TimeUnit.SECONDS);
        return new Result(p.exitValue(), out.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", ""));
    }

    private static void run(ProcessBuilder b) throws Exception {
        Process p = b.redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            fail(b.command() + " failed: " + out);
        }
    }

    private static void edit(String file, String key, int value) throws IOException {
        Path path = home.toPath().resolve(file);
        String text = Files.readString(path);
        String edited = text.replaceAll("(?m)^" + java.util.regex.Pattern.quote(key) + "\\s*=.*$", key + " = " + value);
        if (edited.equals(text)) {
            edited = text + "\n" + key + " = " + value + "\n";
        }
        Files.writeString(path, edited);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
