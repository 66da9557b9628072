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
import java.util.regex.Matcher;
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
 * Each role's allowed and refused operations on every path a user has: the console through
 * {@code bin/client} (ssh, command ACLs), JMX over RMI and JMX over HTTP through Jolokia (both
 * jmx.acl; JolokiaAclIT holds them to each other for every MBean domain). Users vera (viewer), max
 * (manager) and karaf (admin).
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
    }

    /** A namespace each manager and admin creates and destroys; the viewer only looks. */
    @Test
    public void d_namespacesAndControllerOnTheConsole() throws Exception {
        for (String[] user : USERS) {
            String name = user[0];
            String role = user[1];
            boolean operates = !role.equals("viewer");
            console(name, role, "ndctl:list -N", true);
            console(name, role, "ndctl:list -DH", true);
            console(name, role, "ocxl:error-log nmem0", true);
            console(name, role, "ocxl:stats nmem0", true);
            ClientResult created = client(name, name, "ndctl:create-namespace -r region0 -s 16M -n roles-" + name);
            record(role, "console (ssh)", "ndctl:create-namespace -r region0 -s 16M", created.status() == 0);
            assertEquals(name + ": create-namespace\n" + created.output(), operates ? 0 : 1, created.status());
            if (!operates) {
                continue;
            }
            String ns = namespaceDev(created.output());
            console(name, role, "ndctl:disable-namespace " + ns, true);
            console(name, role, "ndctl:read-infoblock " + ns, true);
            console(name, role, "ndctl:check-namespace " + ns, true);
            console(name, role, "ndctl:enable-namespace " + ns, true);
            console(name, role, "ndctl:destroy-namespace -f " + ns, true);
        }
        // what the viewer may not do, on a namespace that is there
        String ns = namespaceDev(executeCommand("ndctl:create-namespace -r region0 -s 16M -n roles-viewer"));
        try {
            console("vera", "viewer", "ndctl:check-namespace -f " + ns, false);
            console("vera", "viewer", "ndctl:disable-namespace " + ns, false);
            console("vera", "viewer", "ndctl:destroy-namespace -f " + ns, false);
            console("vera", "viewer", "ocxl:dump -o roles-vera.dump nmem0", false);
            executeCommand("ndctl:disable-namespace " + ns);
            console("vera", "viewer", "ndctl:read-infoblock " + ns, true);
            console("vera", "viewer", "ndctl:check-namespace " + ns, true);
            console("vera", "viewer", "ndctl:check-namespace -R " + ns, false);
            console("vera", "viewer", "ndctl:enable-namespace " + ns, false);
        } finally {
            executeCommand("ndctl:destroy-namespace -f " + ns);
        }
    }

    private static String namespaceDev(String json) {
        Matcher dev = Pattern.compile("\"dev\":\"(namespace[0-9.]+)\"").matcher(json);
        assertTrue(json, dev.find());
        return dev.group(1);
    }

    @Test
    public void e_namespacesAndControllerOverJmx() throws Exception {
        String[] create = {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String",
            "java.lang.String"};
        for (String[] user : USERS) {
            String role = user[1];
            boolean operates = !role.equals("viewer");
            try (JMXConnector connector = jmxConnect(user[0], user[0])) {
                MBeanServerConnection mbs = connector.getMBeanServerConnection();
                rmi(role, "errorLog", true, () -> mbs.invoke(DIMM, "errorLog", new Object[0], new String[0]));
                rmi(role, "statistics", true, () -> mbs.invoke(DIMM, "statistics", new Object[0], new String[0]));
                if (!role.equals("admin")) { // the admin's would wipe the card
                    rmi(role, "sanitize", false, () -> mbs.invoke(DIMM, "sanitize", new Object[0], new String[0]));
                }
                String[] json = new String[1];
                rmi(role, "createNamespace", operates, () -> json[0] = (String) mbs.invoke(REGION, "createNamespace",
                        new Object[] {"fsdax", "16M", "roles-jmx-" + user[0], "", ""}, create));
                if (!operates) {
                    continue;
                }
                ObjectName ns = new ObjectName("dev.ocxlpmem:type=Namespace,name=" + namespaceDev(json[0]));
                awaitCondition(() -> mbs.isRegistered(ns), ns + " registered");
                rmi(role, "Namespace disable", true, () -> mbs.invoke(ns, "disable", new Object[0], new String[0]));
                rmi(role, "Namespace readInfoblock", true,
                        () -> mbs.invoke(ns, "readInfoblock", new Object[0], new String[0]));
                rmi(role, "Namespace check(false)", true,
                        () -> mbs.invoke(ns, "check", new Object[] {false}, new String[] {"boolean"}));
                rmi(role, "Namespace enable", true, () -> mbs.invoke(ns, "enable", new Object[0], new String[0]));
                rmi(role, "Namespace destroy(true)", true,
                        () -> mbs.invoke(ns, "destroy", new Object[] {true}, new String[] {"boolean"}));
            }
        }
        ObjectName ns = new ObjectName("dev.ocxlpmem:type=Namespace,name="
                + namespaceDev(executeCommand("ndctl:create-namespace -r region0 -s 16M -n roles-jmx-viewer")));
        executeCommand("ndctl:disable-namespace " + ns.getKeyProperty("name"));
        try (JMXConnector connector = jmxConnect("vera", "vera")) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            awaitCondition(() -> mbs.isRegistered(ns), ns + " registered");
            rmi("viewer", "Namespace readInfoblock", true,
                    () -> mbs.invoke(ns, "readInfoblock", new Object[0], new String[0]));
            rmi("viewer", "Namespace check(false)", true,
                    () -> mbs.invoke(ns, "check", new Object[] {false}, new String[] {"boolean"}));
            rmi("viewer", "Namespace check(true)", false,
                    () -> mbs.invoke(ns, "check", new Object[] {true}, new String[] {"boolean"}));
            rmi("viewer", "Namespace enable", false, () -> mbs.invoke(ns, "enable", new Object[0], new String[0]));
            rmi("viewer", "Namespace destroy(true)", false,
                    () -> mbs.invoke(ns, "destroy", new Object[] {true}, new String[] {"boolean"}));
        } finally {
            executeCommand("ndctl:destroy-namespace -f " + ns.getKeyProperty("name"));
        }
        for (String[] user : USERS) {
            jolokiaCall(user, "createNamespace", "exec/" + REGION + "/createNamespace/raw/16M/roles-http-" + user[0]
                    + "/%22%22/%22%22", !user[1].equals("viewer"));
        }
        for (String dev : namespacesNamed("roles-http-")) {
            executeCommand("ndctl:destroy-namespace -f " + dev);
        }
    }

    private List<String> namespacesNamed(String prefix) throws Exception {
        List<String> devs = new ArrayList<>();
        Matcher m = Pattern.compile("\"dev\":\"(namespace[0-9.]+)\"[^}]*\"name\":\"" + prefix)
                .matcher(executeCommand("ndctl:list -N"));
        while (m.find()) {
            devs.add(m.group(1));
        }
        return devs;
    }

    @Test
    public void z_theRoleTable() {
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
            assertTrue(r.body, r.body.contains("\"status\":403") && r.body.contains("Insufficient roles"));
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
