package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.After;
import org.junit.Test;

/**
 * kill -9 of the whole Karaf process while it holds the card: at the next start the card reports a
 * dirty shutdown and its count one higher; a clean stop (bin/stop: the driver sends SHUTDOWN)
 * leaves a clean one. The real distribution in processes of its own, not Pax Exam: three boots,
 * so it runs only with {@code -Pdirty-shutdown} ({@code mvn -pl itests verify -Pdirty-shutdown}).
 */
public class DirtyShutdownProcessIT {
    private static final long BOOT_TIMEOUT_MS = 120_000;

    private Path home;
    private Process karaf;
    private String sshPort;

    @After
    public void cleanUp() throws Exception {
        if (karaf != null && karaf.isAlive()) {
            kill9();
        }
        if (home != null) {
            try (Stream<Path> files = Files.walk(home.getParent())) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p); // the card image is 1.1 GiB
                }
            }
        }
    }

    @Test
    public void aKilledKarafLeavesADirtyShutdownAndACleanStopAClean() throws Exception {
        unpack();
        start();
        Map<String, Object> fresh = health();
        assertEquals("clean", fresh.get("shutdown_state"));
        long count = (Long) fresh.get("shutdown_count");

        kill9();
        start();
        Map<String, Object> afterKill = health();
        assertEquals("dirty", afterKill.get("shutdown_state"));
        assertEquals(count + 1, afterKill.get("shutdown_count"));

        stop();
        start();
        Map<String, Object> afterStop = health();
        assertEquals("clean", afterStop.get("shutdown_state"));
        assertEquals(count + 1, afterStop.get("shutdown_count"));
        stop();
    }

    private void unpack() throws Exception {
        Path archive = Path.of(System.getProperty("ocxlpmem.distribution",
                "target/distribution/karaf-distribution.tar.gz")).toAbsolutePath();
        Path dir = Files.createDirectories(Path.of("target", "dirty-shutdown")).toAbsolutePath();
        dir = Files.createTempDirectory(dir, "karaf");
        run(dir, "tar", "xzf", archive.toString());
        try (Stream<Path> entries = Files.list(dir)) {
            home = entries.filter(Files::isDirectory).findFirst().orElseThrow();
        }
        sshPort = freePort();
        set("etc/org.apache.karaf.shell.cfg", "sshPort", sshPort);
        set("etc/org.apache.karaf.management.cfg", "rmiRegistryPort", freePort());
        set("etc/org.apache.karaf.management.cfg", "rmiServerPort", freePort());
    }

    private void set(String file, String key, String value) throws IOException {
        Path cfg = home.resolve(file);
        List<String> lines = Files.readAllLines(cfg).stream()
                .map(l -> l.matches("\\s*" + key + "\\s*=.*") ? key + " = " + value : l).toList();
        Files.write(cfg, lines);
    }

    private void start() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/karaf").toString(), "server")
                .redirectErrorStream(true).redirectOutput(home.resolve("console.log").toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        karaf = builder.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BOOT_TIMEOUT_MS);
        while (!client("ndctl:list -DH").contains("shutdown_count")) {
            assertTrue("Karaf died at boot; see " + home.resolve("console.log"), karaf.isAlive());
            assertTrue("no health after " + BOOT_TIMEOUT_MS + " ms", System.nanoTime() < deadline);
            Thread.sleep(1000);
        }
    }

    /** SIGKILL to the JVM (bin/karaf is a shell that runs it): no shutdown hook, no SHUTDOWN for the card. */
    private void kill9() throws Exception {
        List<ProcessHandle> jvms = karaf.descendants().toList();
        jvms.forEach(ProcessHandle::destroyForcibly);
        karaf.destroyForcibly();
        for (ProcessHandle jvm : jvms) {
            jvm.onExit().get(30, TimeUnit.SECONDS);
        }
        karaf.waitFor(30, TimeUnit.SECONDS);
    }

    private void stop() throws Exception {
        run(home, home.resolve("bin/stop").toString());
        assertTrue("Karaf did not stop", karaf.waitFor(60, TimeUnit.SECONDS));
    }

    private Map<String, Object> health() throws Exception {
        String out = client("ndctl:list -DH");
        Map<String, Object> dimm = Json.object(Json.array(Json.parse(out), "dimms").get(0), "nmem0");
        return Json.object(dimm.get("health"), "health");
    }

    private String client(String command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-a", sshPort, "-u",
                "karaf", "-p", "karaf", "-r", "3", "-b");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.redirectErrorStream(true);
        Process client = builder.start();
        try (OutputStream in = client.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream stream = client.getInputStream()) {
            stream.transferTo(out);
        }
        client.waitFor(60, TimeUnit.SECONDS);
        return out.toString(StandardCharsets.UTF_8).replaceAll("\u001B\\[[0-9;]*m", "");
    }

    private static void run(Path dir, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(String.join(" ", command) + " did not finish", p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(String.join(" ", command) + ": " + out, 0, p.exitValue());
    }

    private static String freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return Integer.toString(socket.getLocalPort());
        }
    }
}
