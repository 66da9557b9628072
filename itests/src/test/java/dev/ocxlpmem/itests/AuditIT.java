package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.management.MBeanServerConnection;
import javax.management.ObjectName;
import javax.management.remote.JMXConnector;

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
 * The audit trail, {@code data/log/ocxlpmem-audit.log}: on each path a user has (JMX over RMI,
 * Jolokia, the console over ssh) a manager's change and a viewer's two refused attempts, one refused
 * by the path's ACL (jmx.acl, the command ACL) and one by the ndctl service itself (the ACLs here
 * let a viewer try zeroLabels and enable-region), give exactly one line each: time, user, path,
 * operation, target, outcome. The console's region changes come last: they republish region0's
 * MBean.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class AuditIT extends OcxlpmemTestSupport {
    private static final ObjectName CONFIG = JolokiaAclIT.CONFIG;
    private static final String SCRATCH = "ocxlpmem.itest.audit";
    private static final String[] SET_PROPERTY = {"java.lang.String", "java.lang.String", "java.lang.String"};
    private static final String TIME = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";
    /** The lines the test expects, in order, as patterns. */
    private static final List<Pattern> EXPECTED = new ArrayList<>();

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/users.properties", "vera", "vera,_g_:viewergroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "max", "max,_g_:managergroup"));
        // the ACLs let a viewer try these, so that the service's own check refuses them
        options.add(editConfigurationFilePut("etc/org.apache.karaf.command.acl.ndctl.cfg", "enable-region",
                "viewer, manager, admin"));
        options.add(editConfigurationFilePut("etc/jmx.acl.dev.ocxlpmem.cfg", "zeroLabels", "viewer, manager, admin"));
        return options.toArray(new Option[0]);
    }

    private static Path auditLog() {
        return Path.of(System.getProperty("karaf.data"), "log", "ocxlpmem-audit.log");
    }

    /**
     * The lines of the test's users written so far: vera's and max's, and the admin's over JMX and
     * Jolokia (a configuration change, which is admin's there as on the console).
     */
    private static List<String> lines() throws Exception {
        if (!Files.exists(auditLog())) {
            return List.of();
        }
        return Files.readAllLines(auditLog(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(" | vera | ") || l.contains(" | max | ") || l.contains(" | karaf | jmx (")
                        || l.contains(" | karaf | jolokia (")).toList();
    }

    /** Expects the next line to match, and waits for it: the trail is written a moment after the operation. */
    private void expect(String line) throws Exception {
        EXPECTED.add(Pattern.compile(TIME + " \\| " + line));
        awaitCondition(() -> lines().size() >= EXPECTED.size(), EXPECTED.size() + " audit lines: " + lines());
    }

    private static String setProperty() {
        return Pattern.quote("setProperty(\"" + SCRATCH + "\", \"key\", \"value\") | " + CONFIG.getCanonicalName());
    }

    private static String zeroLabels() {
        return Pattern.quote("zeroLabels() | " + OperatorIT.DIMM.getCanonicalName());
    }

    @Test
    public void a_jmxOverRmi() throws Exception {
        awaitCommand("ndctl:list -D", o -> o.contains("\"dev\":\"nmem0\""), "nmem0", SETTLE_TIMEOUT_MS);
        String rmi = "jmx \\([^)]+\\)";
        try (JMXConnector karaf = jmxConnect("karaf", "karaf"); JMXConnector vera = jmxConnect("vera", "vera")) {
            MBeanServerConnection admin = karaf.getMBeanServerConnection();
            MBeanServerConnection viewer = vera.getMBeanServerConnection();
            awaitCondition(() -> admin.isRegistered(OperatorIT.DIMM), OperatorIT.DIMM + " registered");
            admin.invoke(CONFIG, "setProperty", new Object[] {SCRATCH, "key", "value"}, SET_PROPERTY);
            expect("karaf \\| " + rmi + " \\| " + setProperty() + " \\| ok");
            refused(() -> viewer.invoke(CONFIG, "setProperty", new Object[] {SCRATCH, "key", "value"}, SET_PROPERTY));
            expect("vera \\| " + rmi + " \\| " + setProperty() + " \\| refused: .*\\(jmx.acl\\)");
            refused(() -> viewer.invoke(OperatorIT.DIMM, "zeroLabels", new Object[0], new String[0]));
            expect("vera \\| " + rmi + " \\| " + zeroLabels() + " \\| refused: to zero the labels of nmem0 needs the "
                    + "admin role.*");
        }
    }

    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    private static void refused(Call call) {
        try {
            call.run();
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SecurityException) {
                    return;
                }
            }
            throw new AssertionError("not refused but failed: " + e, e);
        }
        throw new AssertionError("not refused");
    }

    @Test
    public void b_jolokia() throws Exception {
        JolokiaHttp http = new JolokiaHttp(String.valueOf(configurationAdmin.getConfiguration("org.ops4j.pax.web", null)
                .getProperties().get("org.osgi.service.http.port")));
        String path = "jolokia \\([^)]+\\)";
        String set = "{\"type\":\"exec\",\"mbean\":\"" + CONFIG + "\",\"operation\":\"setProperty\",\"arguments\":[\""
                + SCRATCH + "\",\"key\",\"value\"]}";
        assertEquals(200, http.post("karaf", set).jolokiaStatus());
        expect("karaf \\| " + path + " \\| " + setProperty() + " \\| ok");
        assertEquals(403, http.post("vera", set).jolokiaStatus());
        expect("vera \\| " + path + " \\| " + setProperty() + " \\| refused: .*\\(jmx.acl\\)");
        assertEquals(403, http.get("vera", "exec/" + OperatorIT.DIMM + "/zeroLabels").jolokiaStatus());
        expect("vera \\| " + path + " \\| " + zeroLabels() + " \\| refused: to zero the labels of nmem0 needs the "
                + "admin role.*");
    }

    @Test
    public void c_theConsole() throws Exception {
        String ssh = "console \\(ssh [^)]+\\)";
        assertEquals(0, client("max", "max", "ndctl:disable-region region0").status());
        expect("max \\| " + ssh + " \\| ndctl:disable-region \\| region0 \\| ok");
        assertEquals(0, client("max", "max", "ndctl:enable-region region0").status());
        expect("max \\| " + ssh + " \\| ndctl:enable-region \\| region0 \\| ok");
        assertEquals(1, client("vera", "vera", "ndctl:disable-region region0").status());
        expect("vera \\| " + ssh + " \\| ndctl:disable-region \\| region0 \\| refused: .*\\(command ACL\\)");
        assertEquals(1, client("vera", "vera", "ndctl:enable-region region0").status());
        expect("vera \\| " + ssh + " \\| ndctl:enable-region \\| region0 \\| refused: to enable region0 needs the "
                + "manager role.*");
    }

    @Test
    public void d_exactlyTheseLines() throws Exception {
        configurationAdmin.getConfiguration(SCRATCH, null).delete();
        List<String> lines = lines();
        StringBuilder shown = new StringBuilder("audit lines of vera, max and karaf:\n");
        lines.forEach(l -> shown.append("  ").append(l).append('\n'));
        System.out.println(shown);
        assertEquals(shown.toString(), EXPECTED.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertTrue("line " + (i + 1) + " is\n  " + lines.get(i) + "\nexpected\n  " + EXPECTED.get(i),
                    EXPECTED.get(i).matcher(lines.get(i)).matches());
        }
    }
}
