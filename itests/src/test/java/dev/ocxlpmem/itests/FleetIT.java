package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import org.junit.After;
import org.junit.Test;

/**
 * The fleet with the real engine: three appliances (Karafs of the built distribution, in processes
 * of their own) and a real Prometheus (Debian's) scraping them with monitoring/prometheus'
 * configuration and rules, brought up by {@code tools/fleet} as a person would, at a short interval.
 * {@code ndctl:inject-smart} heats one card past its threshold: Prometheus' {@code ALERTS} shows
 * the temperature alert for that appliance and no other within two evaluation intervals, and
 * drops it within two more after the value comes back. Then every query of the Grafana dashboard
 * runs against that Prometheus. Three Karaf boots on a loaded machine take minutes, so it runs only
 * with {@code -Pfleet} ({@code mvn -pl itests verify -Pfleet -Dit.test=FleetIT}).
 */
public class FleetIT {
    private static final String ALERT = "OcxlpmemMediaTemperatureHigh";
    private static final long SCRAPE_SECONDS = 1;
    private static final long EVALUATION_SECONDS = 2;

    private final Path repository = Path.of(System.getProperty("ocxlpmem.repository", "..")).toAbsolutePath()
            .normalize();
    private final Path fleet = Path.of("target", "fleet-it").toAbsolutePath();
    private final List<String> transcript = new ArrayList<>();
    private int base;

    @After
    public void stop() throws Exception {
        System.out.println("alert transcript:\n  " + String.join("\n  ", transcript));
        if (Files.exists(fleet)) {
            run(120, repository.resolve("tools/fleet").toString(), "stop", "--dir", fleet.toString());
        }
    }

    @Test
    public void oneHotCardAlertsForItsApplianceOnlyAndClears() throws Exception {
        base = freePortBase();
        long started = System.nanoTime();
        run(900, repository.resolve("tools/fleet").toString(), "start", "--dir", fleet.toString(), "--distribution",
                Path.of(System.getProperty("ocxlpmem.distribution")).toAbsolutePath().toString(), "--port-base",
                Integer.toString(base), "--scrape-interval", SCRAPE_SECONDS + "s", "--evaluation-interval",
                EVALUATION_SECONDS + "s");
        note("fleet up after " + seconds(started) + " s: appliances on ports " + base + ", " + (base + 10) + ", "
                + (base + 20) + ", Prometheus on " + (base + 90));
        assertEquals(List.of(), alerts());
        String hot = "127.0.0.1:" + (base + 10);

        client(1, "ndctl:inject-smart -m 90 nmem0");
        long injected = System.nanoTime();
        note("appliance-2 (" + hot + "): ndctl:inject-smart -m 90 nmem0 returned");
        List<String> firing = awaitAlerts(injected, true);
        double toFire = seconds(injected);
        note("ALERTS " + ALERT + " after " + toFire + " s: " + firing);
        assertEquals(List.of(hot + " firing"), firing);
        assertTrue("the alert took " + toFire + " s, more than two evaluation intervals",
                toFire <= 2 * EVALUATION_SECONDS);
        Thread.sleep(TimeUnit.SECONDS.toMillis(2 * EVALUATION_SECONDS));
        assertEquals("still that appliance only, two evaluations later", List.of(hot + " firing"), alerts());

        client(1, "ndctl:inject-smart -N nmem0");
        long cooled = System.nanoTime();
        note("appliance-2: ndctl:inject-smart -N nmem0 returned");
        List<String> after = awaitAlerts(cooled, false);
        double toClear = seconds(cooled);
        note("ALERTS " + ALERT + " after " + toClear + " s: " + after);
        assertTrue("the alert took " + toClear + " s to clear", toClear <= 2 * EVALUATION_SECONDS);

        dashboardQueriesRun(hot);
    }

    /** Every query of monitoring/grafana/ocxlpmem.json runs, for appliance {@code instance}; the fleet's find data. */
    private void dashboardQueriesRun(String instance) throws Exception {
        Map<String, Object> dashboard = Json.object(Json.parse(Files.readString(
                repository.resolve("monitoring/grafana/ocxlpmem.json"))), "dashboard");
        int queries = 0;
        boolean fleetRow = true;
        for (Object p : Json.array(dashboard.get("panels"), "panels")) {
            Map<String, Object> panel = Json.object(p, "panel");
            if ("row".equals(panel.get("type"))) {
                fleetRow = "Fleet".equals(panel.get("title"));
                continue;
            }
            for (Object t : Json.array(panel.get("targets"), "targets")) {
                String expr = String.valueOf(Json.object(t, "target").get("expr"))
                        .replace("$instance", instance).replace("$__rate_interval", "1m");
                Map<String, Object> answer = query(expr);
                assertEquals(panel.get("title") + ": " + expr + " -> " + answer, "success", answer.get("status"));
                List<Object> result = Json.array(Json.object(answer.get("data"), "data").get("result"), "result");
                if (fleetRow) {
                    assertTrue(panel.get("title") + ": " + expr + " finds nothing", !result.isEmpty());
                }
                queries++;
            }
        }
        note(queries + " dashboard queries answered");
    }

    /** Polls ALERTS every 100 ms until the alert is there ({@code present}) or gone; at most 30 s. */
    private List<String> awaitAlerts(long since, boolean present) throws Exception {
        while (true) {
            List<String> now = alerts();
            if (now.isEmpty() != present) {
                return now;
            }
            assertTrue("ALERTS still " + now + " after 30 s", seconds(since) < 30);
            Thread.sleep(100);
        }
    }

    /** {@code instance alertstate} of each ALERTS series of the temperature alert, sorted. */
    private List<String> alerts() throws Exception {
        Map<String, Object> answer = query("ALERTS{alertname=\"" + ALERT + "\"}");
        TreeSet<String> out = new TreeSet<>();
        for (Object r : Json.array(Json.object(answer.get("data"), "data").get("result"), "result")) {
            Map<String, Object> metric = Json.object(Json.object(r, "series").get("metric"), "metric");
            out.add(metric.get("instance") + " " + metric.get("alertstate"));
        }
        return new ArrayList<>(out);
    }

    private Map<String, Object> query(String promql) throws IOException {
        URL url = new URL("http://127.0.0.1:" + (base + 90) + "/api/v1/query?query="
                + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpURLConnection c = (HttpURLConnection) url.openConnection();
        int status = c.getResponseCode();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            in.transferTo(body);
        }
        return Json.object(Json.parse(body.toString(StandardCharsets.UTF_8)), "answer");
    }

    /** A console command on appliance {@code i} (0-based) through its bin/client, as an operator's script does. */
    private void client(int i, String command) throws Exception {
        Path home = fleet.resolve("appliance-" + (i + 1));
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/client").toString(), "-a",
                Integer.toString(base + 10 * i + 1), "-u", "karaf", "-p", "karaf", "-r", "10", "-b")
                .redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process p = builder.start();
        try (OutputStream in = p.getOutputStream()) {
            in.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(command + " did not finish", p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(command + ": " + out, 0, p.exitValue());
    }

    private void note(String line) {
        transcript.add(Instant.now() + " " + line);
    }

    private static double seconds(long since) {
        return Math.round((System.nanoTime() - since) / 1e7) / 100.0;
    }

    private void run(int timeoutSeconds, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).directory(repository.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target", "fleet-it.log").toFile()));
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("PATH", System.getProperty("java.home") + "/bin:" + System.getenv("PATH"));
        Process p = builder.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds
                    + " s; see target/fleet-it.log");
        }
        assertEquals(String.join(" ", command) + " failed; see target/fleet-it.log", 0, p.exitValue());
    }

    /** A base whose 100 ports are free now (tools/fleet checks again the ones it takes). */
    private static int freePortBase() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate;
            try (ServerSocket s = new ServerSocket(0)) {
                candidate = s.getLocalPort() / 100 * 100;
            }
            if (candidate < 20000 || candidate > 60000) {
                continue;
            }
            boolean free = true;
            for (int port = candidate; port < candidate + 100 && free; port++) {
                try (ServerSocket s = new ServerSocket(port)) {
                    s.setReuseAddress(true);
                } catch (IOException e) {
                    free = false;
                }
            }
            if (free) {
                return candidate;
            }
        }
        throw new AssertionError("no 100 free ports in a row");
    }
}
