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
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.management.MBeanServerConnection;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

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
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

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
    private static int rmiRegistryPort;
    private static int rmiServerPort;
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
        rmiRegistryPort = freePort();
        rmiServerPort = freePort();
        edit("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        edit("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", rmiRegistryPort);
        edit("etc/org.apache.karaf.management.cfg", "rmiServerPort", rmiServerPort);
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

    /**
     * A script's command whose Karaf is killed under it: bin/batch-client exits 255 and says so, where
     * bin/client -b exited 0 in 11 of 32 such kills (issue 17). The command writes a file and then
     * sleeps, so that the kill comes while it runs.
     */
    @Test
    public void aKarafKilledUnderACommandEndsTheBatchClientWith255() throws Exception {
        File running = new File(home, "data/tmp/batch-client-running");
        running.delete();
        ProcessBuilder b = new ProcessBuilder(new File(home, "bin/batch-client").getPath(), "-a",
                Integer.toString(sshPort), "-u", "karaf", "-p", "karaf").redirectErrorStream(true);
        b.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process client = b.start();
        try (OutputStream in = client.getOutputStream()) {
            in.write(("shell:echo running > " + running + "\nshell:sleep 600\n").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream out = client.getInputStream()) {
                out.transferTo(output);
            } catch (IOException e) {
                // the process is gone; what it printed is in output
            }
        });
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!running.exists()) {
            assertTrue("the command did not start within 60 s: " + output, System.nanoTime() < deadline);
            assertTrue("batch-client ended before the kill: " + output, client.isAlive());
            Thread.sleep(100);
        }
        kill9();
        assertTrue("batch-client still runs 60 s after Karaf died", client.waitFor(60, TimeUnit.SECONDS));
        reader.join();
        String printed = output.toString(StandardCharsets.UTF_8);
        System.out.println("batch-client when Karaf is killed under its command: exit " + client.exitValue() + ", "
                + printed.trim());
        assertEquals(printed, 255, client.exitValue());
        assertTrue(printed, printed.contains("ended before the command did (Karaf stopped or died?)"));
        start();
    }

    /**
     * An overwrite cut off by kill -9 leaves media it did not reach as it was. After the restart
     * the card says so: the DIMM is in overwrite on the console and over JMX, the card's error log
     * tells why, and its region refuses to be enabled; an overwrite run to its end clears all that.
     */
    @Test
    public void killedDuringAnOverwriteTheCardSaysSoAndItsRegionStaysDisabledUntilOneCompletes() throws Exception {
        assertEquals(0, client("ndctl:disable-region region0").status); // whatever the rounds before left
        long[] markers = new long[16];
        try (RandomAccessFile image = new RandomAccessFile(image(), "rw")) {
            long step = (image.length() - AREA) / markers.length;
            for (int i = 0; i < markers.length; i++) {
                markers[i] = AREA + i * step;
                image.seek(markers[i]);
                image.write(MARKER);
            }
        }
        Process sanitize = clientProcess("ndctl:sanitize-dimm --overwrite nmem0");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (marked(markers[1])) { // the overwrite runs from the start: cut it off once it passed 1/16
            if (!sanitize.isAlive()) {
                fail("sanitize-dimm ended before it overwrote anything: "
                        + new String(sanitize.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            }
            assertTrue("the overwrite did not reach the second marker in 120 s", System.nanoTime() < deadline);
            Thread.sleep(5);
        }
        kill9();
        sanitize.destroyForcibly().waitFor();
        int left = 0;
        for (long marker : markers) {
            left += marked(marker) ? 1 : 0;
        }
        assertTrue("the kill came after the overwrite had ended", left > 0);
        start();

        Result list = client("ndctl:list -DH");
        assertTrue(list.output, list.output.contains("\"security\":\"overwrite\""));
        Result enable = client("ndctl:enable-region region0");
        assertEquals(enable.output, 1, enable.status);
        assertTrue(enable.output, enable.output.contains("region0 stays disabled: nmem0 is in overwrite"));
        assertTrue(client("ocxl:error-log nmem0").output.contains("overwrite did not complete"));
        assertEquals(true, jmx(mbs -> mbs.getAttribute(DIMM, "InOverwrite")));

        Result again = client("ndctl:sanitize-dimm --overwrite nmem0");
        assertEquals(again.output, 0, again.status);
        assertTrue(again.output, !client("ndctl:list -D").output.contains("security"));
        assertEquals(false, jmx(mbs -> mbs.getAttribute(DIMM, "InOverwrite")));
        assertEquals(0, client("ndctl:enable-region region0").status);
        for (long marker : markers) {
            assertTrue("marker at " + marker + " survived a complete overwrite", !marked(marker));
        }
        assertEquals(0, client("ndctl:disable-region region0").status); // as the other test expects it
        System.out.println("kill -9 during an overwrite: " + left + " of " + markers.length
                + " marked places were left as they were, and reported");
    }

    private static final byte[] MARKER = "ocxlpmem KillIT: data an overwrite must not leave".getBytes(
            StandardCharsets.US_ASCII);
    private static final ObjectName DIMM = objectName("dev.ocxlpmem:type=Dimm,name=nmem0");

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    private static File image() {
        return new File(home, "data/ocxlpmem/card0.img");
    }

    private static boolean marked(long offset) throws IOException {
        byte[] found = new byte[MARKER.length];
        try (RandomAccessFile image = new RandomAccessFile(image(), "r")) {
            image.seek(offset);
            image.readFully(found);
        }
        return Arrays.equals(found, MARKER);
    }

    @FunctionalInterface
    private interface JmxCall {
        Object call(MBeanServerConnection mbs) throws Exception;
    }

    /** Over the RMI connector, as the admin; the connector may still be starting after a restart. */
    private static Object jmx(JmxCall call) throws Exception {
        JMXServiceURL url = new JMXServiceURL(
                "service:jmx:rmi://localhost:" + rmiServerPort + "/jndi/rmi://localhost:" + rmiRegistryPort
                        + "/karaf-root");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            JMXConnector connector;
            try {
                connector = JMXConnectorFactory.connect(url, Map.of(JMXConnector.CREDENTIALS,
                        new String[] {"karaf", "karaf"}));
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(500);
                continue;
            }
            try (connector) {
                return call.call(connector.getMBeanServerConnection());
            }
        }
    }

    // ------------------------------------------------------------------ the label area, outside Karaf

    private static byte[] labelArea() throws IOException {
        byte[] area = new byte[AREA];
        try (RandomAccessFile f = new RandomAccessFile(image(), "r")) {
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
            File file = new File(home, "data/ocxlpmem/files/" + name + ".labels"); // where write-labels -i reads
            file.getParentFile().mkdirs();
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
