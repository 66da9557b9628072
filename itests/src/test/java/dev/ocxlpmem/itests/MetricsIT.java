package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.Configuration;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;

/**
 * GET /metrics of the real distribution over HTTP, as Prometheus scrapes it: who may scrape, the
 * text and OpenMetrics formats, the emulated card's values, and values that follow the console's
 * changes without a scrape waiting for them. Users vera (viewer), prom (only the metrics role, the
 * group users.properties suggests) and nobody (ssh only).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class MetricsIT extends OcxlpmemTestSupport {
    private static final String PID = "dev.ocxlpmem.metrics";
    private static final String DIMM = "{bus=\"ndbus0\",dimm=\"nmem0\"}";

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/users.properties", "vera", "vera,_g_:viewergroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "prom", "prom,_g_:metricsgroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "_g_:metricsgroup", "group,metrics"));
        options.add(editConfigurationFilePut("etc/users.properties", "nobody", "nobody,ssh"));
        return options.toArray(new Option[0]);
    }

    private record Http(int status, String contentType, String challenge, String body) {
    }

    private Http get(String user, String accept) throws Exception {
        String port = String.valueOf(configurationAdmin.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.osgi.service.http.port"));
        HttpURLConnection c = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/metrics").openConnection();
        if (user != null) {
            String password = user.equals("karaf!") ? "wrong" : user;
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user.replace("!", "") + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (accept != null) {
            c.setRequestProperty("Accept", accept);
        }
        int status = c.getResponseCode();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.transferTo(body);
            }
        }
        return new Http(status, c.getContentType(), c.getHeaderField("WWW-Authenticate"),
                body.toString(StandardCharsets.UTF_8));
    }

    private static double value(String scrape, String series) {
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(scrape);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** Scrapes as vera until {@code series} reads {@code expected}; returns that scrape. */
    private String awaitValue(String series, double expected) throws Exception {
        String[] last = {""};
        awaitCondition(() -> {
            last[0] = get("vera", null).body();
            return value(last[0], series) == expected;
        }, series + " = " + expected + " in a scrape");
        return last[0];
    }

    @Test
    public void a_aScrapeNeedsALoginWithARoleThatMayScrape() throws Exception {
        awaitCondition(() -> get(null, null).status() == 401, "GET /metrics registered");
        Http none = get(null, null);
        assertTrue(none.challenge(), none.challenge().startsWith("Basic realm="));
        assertTrue(none.body(), none.body().startsWith("a login is needed"));
        assertEquals(401, get("karaf!", null).status());
        Http nobody = get("nobody", null);
        assertEquals(nobody.body(), 403, nobody.status());
        assertTrue(nobody.body(), nobody.body().contains("needs one of the roles metrics, viewer, manager, admin"));
        for (String user : new String[] {"vera", "prom", "karaf"}) {
            assertEquals(user, 200, get(user, null).status());
        }
    }

    @Test
    public void b_theEmulatedCardInTheTextFormatAndInOpenMetrics() throws Exception {
        String text = awaitValue("ocxlpmem_dimm_health_state{bus=\"ndbus0\",dimm=\"nmem0\",state=\"ok\"}", 1);
        Http http = get("prom", null);
        assertTrue(http.contentType(), http.contentType().startsWith("text/plain; version=0.0.4"));
        assertEquals(35.0, value(text, "ocxlpmem_dimm_media_temperature_celsius" + DIMM), 0);
        assertEquals(1073741824.0, value(text, "ocxlpmem_region_size_bytes{bus=\"ndbus0\",region=\"region0\"}"), 0);
        assertEquals(1.0, value(text, "ocxlpmem_bus_info{bus=\"ndbus0\",provider=\"ocxlpmem\"}"), 0);
        assertTrue(text, text.contains("ocxlpmem_dimm_firmware_info{bus=\"ndbus0\",dimm=\"nmem0\""));
        assertTrue(text, text.contains("ocxlpmem_bus_command_duration_seconds_count{bus=\"ndbus0\","
                + "command=\"ND_CMD_CALL\",family=\"6\""));
        assertTrue(text, text.contains("\njvm_memory_used_bytes{area=\"heap\"} "));
        System.out.println("one scrape of the emulated card (ocxlpmem_ series):\n" + text.lines()
                .filter(l -> l.startsWith("ocxlpmem_") || l.startsWith("# HELP ocxlpmem_")
                        || l.startsWith("# TYPE ocxlpmem_"))
                .reduce((a, b) -> a + "\n" + b).orElse(""));

        Http open = get("prom", "application/openmetrics-text; version=1.0.0; charset=utf-8");
        assertTrue(open.contentType(), open.contentType().startsWith("application/openmetrics-text; version=1.0.0"));
        assertTrue(open.body(), open.body().endsWith("# EOF\n"));
        assertTrue(open.body(), open.body().contains("# UNIT ocxlpmem_dimm_media_temperature_celsius celsius"));
    }

    @Test
    public void c_valuesFollowTheCardWithinSeconds() throws Exception {
        executeCommand("ndctl:inject-smart -m 90 nmem0");
        try {
            String hot = awaitValue("ocxlpmem_dimm_media_temperature_celsius" + DIMM, 90);
            assertEquals(1.0, value(hot, "ocxlpmem_dimm_alarm{alarm=\"media_temperature\",bus=\"ndbus0\","
                    + "dimm=\"nmem0\"}"), 0);
            assertEquals(1.0, value(hot, "ocxlpmem_dimm_health_state{bus=\"ndbus0\",dimm=\"nmem0\","
                    + "state=\"non-critical\"}"), 0);
        } finally {
            executeCommand("ndctl:inject-smart -N nmem0");
        }
        awaitValue("ocxlpmem_dimm_media_temperature_celsius" + DIMM, 35);

        executeCommand("ndctl:disable-region region0");
        executeCommand("ndctl:init-labels -f -V 1.2 nmem0");
        executeCommand("ndctl:enable-region region0");
        executeCommand("ndctl:create-namespace -r region0 -m raw -s 64M -n metered");
        String ns = awaitValue("ocxlpmem_namespace_size_bytes{namespace=\"namespace0.0\",region=\"region0\"}",
                64 << 20);
        assertEquals(1.0, value(ns, "ocxlpmem_namespace_info{mode=\"raw\",name=\"metered\","
                + "namespace=\"namespace0.0\",region=\"region0\",state=\"enabled\"}"), 0);
        // the region is sampled on its own: its new value may come a scrape after the namespace's
        awaitValue("ocxlpmem_region_available_bytes{bus=\"ndbus0\",region=\"region0\"}", 1073741824.0 - (64 << 20));
    }

    @Test
    public void d_theSwitchLetsLocalhostScrapeWithoutALogin() throws Exception {
        org.osgi.service.cm.Configuration cfg = configurationAdmin.getConfiguration(PID, null);
        Dictionary<String, Object> before = cfg.getProperties();
        Dictionary<String, Object> open = new Hashtable<>();
        if (before != null) {
            for (var keys = before.keys(); keys.hasMoreElements();) {
                String key = keys.nextElement();
                open.put(key, before.get(key));
            }
        }
        open.put("allowUnauthenticatedLocalhost", true);
        cfg.update(open);
        try {
            awaitCondition(() -> get(null, null).status() == 200, "an unauthenticated scrape from 127.0.0.1");
            assertTrue(get(null, null).body().contains("ocxlpmem_bus_info"));
        } finally {
            open.put("allowUnauthenticatedLocalhost", false);
            cfg.update(open);
        }
        awaitCondition(() -> get(null, null).status() == 401, "a login needed again");
    }
}
