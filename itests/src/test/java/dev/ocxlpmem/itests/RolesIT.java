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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
 * Each role's allowed and refused operations on every path a user has: the console through
 * {@code bin/client} (ssh, command ACLs), JMX over RMI (jmx.acl) and JMX over HTTP through Jolokia,
 * which bypasses jmx.acl and meets the service's own check. Users vera (viewer), max (manager)
 * and karaf (admin).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class RolesIT extends OcxlpmemTestSupport {
    private static final ObjectName REGION = OperatorIT.REGION;
    private static final ObjectName DIMM = OperatorIT.DIMM;
    private static final String[][] USERS = {{"vera", "viewer"}, {"max", "manager"}, {"karaf", "admin"}};

    /** What was tried and what came of it, for the role table. */
    private static final Map<String, String> TABLE = new LinkedHashMap<>();

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/users.properties", "vera", "vera,_g_:viewergroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "max", "max,_g_:managergroup"));
        return options.toArray(new Option[0]);
    }

    private void record(String role, String path, String operation, boolean allowed) {
        TABLE.put(role + " | " + path + " | " + operation, allowed ? "allowed" : "refused");
    }

    @Test
    public void a0_labelsToReadFirst() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        executeCommand("ndctl:disable-region region0");
        executeCommand("ndctl:init-labels -f -V 1.2 nmem0");
        executeCommand("ndctl:enable-region region0");
    }

    @Test
    public void a_theConsoleOverSsh() throws Exception {
        for (String[] user : USERS) {
            String name = user[0];
            String role = user[1];
            console(name, role, "ndctl:list -R", true);
            console(name, role, "ndctl:read-labels nmem0", true);
            console(name, role, "ndctl:disable-region region0", !role.equals("viewer"));
            console(name, role, "ndctl:init-labels -f -V 1.2 nmem0", role.equals("admin"));
            console(name, role, "ndctl:read-labels -f -o roles-" + name + ".bin nmem0", role.equals("admin"));
            console(name, role, "ndctl:enable-region region0", !role.equals("viewer"));
        }
    }

    private void console(String user, String role, String command, boolean allowed) throws Exception {
        ClientResult r = client(user, user, command);
        record(role, "console (ssh)", command, r.status() == 0);
        assertEquals(user + ": " + command + "\n" + r.output(), allowed ? 0 : 1, r.status());
        if (!allowed) {
            assertTrue(r.output(), r.output().contains("Command not found") || r.output().contains("Insufficient")
                    || r.output().contains("needs the"));
        }
    }

    @Test
    public void b_jmxOverRmi() throws Exception {
        for (String[] user : USERS) {
            try (JMXConnector connector = jmxConnect(user[0], user[0])) {
                MBeanServerConnection mbs = connector.getMBeanServerConnection();
                rmi(user[1], "read Region State", true, () -> mbs.getAttribute(REGION, "State"));
                rmi(user[1], "readLabels", true, () -> mbs.invoke(DIMM, "readLabels", new Object[0], new String[0]));
                rmi(user[1], "disableRegion", !user[1].equals("viewer"),
                        () -> mbs.invoke(REGION, "disableRegion", new Object[0], new String[0]));
                rmi(user[1], "initLabels", user[1].equals("admin"), () -> mbs.invoke(DIMM, "initLabels",
                        new Object[] {"1.2", true}, new String[] {"java.lang.String", "boolean"}));
                rmi(user[1], "enableRegion", !user[1].equals("viewer"),
                        () -> mbs.invoke(REGION, "enableRegion", new Object[0], new String[0]));
            }
        }
    }

    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    private void rmi(String role, String operation, boolean allowed, Call call) {
        boolean went;
        String why = "";
        try {
            call.run();
            went = true;
        } catch (Exception e) {
            went = false;
            why = String.valueOf(e);
        }
        record(role, "JMX RMI", operation, went);
        assertEquals(role + ": " + operation + " " + why, allowed, went);
    }

    @Test
    public void c_jmxOverHttpThroughJolokia() throws Exception {
        assertEquals("no credentials, no answer", 401, jolokia(null, "read/" + REGION + "/State").status);
        for (String[] user : USERS) {
            jolokiaCall(user, "read Region State", "read/" + REGION + "/State", true);
            jolokiaCall(user, "readLabels", "exec/" + DIMM + "/readLabels", true);
            jolokiaCall(user, "disableRegion", "exec/" + REGION + "/disableRegion", !user[1].equals("viewer"));
            jolokiaCall(user, "initLabels", "exec/" + DIMM + "/initLabels/1.2/true", user[1].equals("admin"));
            jolokiaCall(user, "enableRegion", "exec/" + REGION + "/enableRegion", !user[1].equals("viewer"));
        }
        StringBuilder table = new StringBuilder("role table (role | path | operation: result):\n");
        TABLE.forEach((k, v) -> table.append("  ").append(k).append(": ").append(v).append('\n'));
        System.out.println(table);
    }

    private void jolokiaCall(String[] user, String operation, String path, boolean allowed) throws Exception {
        Http r = jolokia(user[0], path);
        boolean went = r.status == 200 && r.body.contains("\"status\":200");
        record(user[1], "Jolokia", operation, went);
        assertEquals(user[1] + ": " + operation + " " + r.body, allowed, went);
        if (!allowed) {
            assertTrue(r.body, r.body.contains("SecurityException") && r.body.contains("needs the"));
        }
    }

    private record Http(int status, String body) {
    }

    private Http jolokia(String user, String path) throws Exception {
        String port = String.valueOf(configurationAdmin.getConfiguration("org.ops4j.pax.web", null).getProperties()
                .get("org.osgi.service.http.port"));
        HttpURLConnection c = (HttpURLConnection) new URL("http://localhost:" + port + "/jolokia/" + path)
                .openConnection();
        if (user != null) {
            c.setRequestProperty("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                    (user + ":" + user).getBytes(StandardCharsets.UTF_8)));
        }
        int status = c.getResponseCode();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        try (InputStream in = status < 400 ? c.getInputStream() : c.getErrorStream()) {
            if (in != null) {
                in.transferTo(body);
            }
        }
        return new Http(status, body.toString(StandardCharsets.UTF_8));
    }
}
