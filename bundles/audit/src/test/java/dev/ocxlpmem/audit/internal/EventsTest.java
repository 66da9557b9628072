package dev.ocxlpmem.audit.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import javax.management.Attribute;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.security.auth.Subject;

import org.apache.felix.gogo.runtime.CommandNotFoundException;
import org.apache.karaf.jaas.boot.principal.ClientPrincipal;
import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.event.Event;

/**
 * Karaf's events, in the shapes its shell and its JMX MBean server and guard post them (shell/core
 * EventAdminListener, management/server EventAdminMBeanServerWrapper and KarafMBeanServerGuard),
 * and the lines they give.
 */
class EventsTest {
    private static final String[] INVOKE = {"javax.management.ObjectName", "java.lang.String", "[Ljava.lang.Object;",
        "[Ljava.lang.String;"};
    private static final ObjectName CONFIG = name("org.apache.karaf:type=config,name=root");

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (javax.management.MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static Subject subject(String user, String method, String address) {
        Subject s = new Subject();
        s.getPrincipals().add(new UserPrincipal(user));
        s.getPrincipals().add(new RolePrincipal("viewer"));
        s.getPrincipals().add(new ClientPrincipal(method, address));
        return s;
    }

    private static Event event(String topic, Subject subject, Object... keysAndValues) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("timestamp", 0L);
        if (subject != null) {
            properties.put("subject", subject);
        }
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return new Event(topic, properties);
    }

    private static String jmx(Event event) {
        AuditLine line = JmxCall.line(event, Caller.of(event.getProperty("subject")));
        return line == null ? null : line.toString();
    }

    @Test
    void anOperationAsTheMBeanServerReportsIt() {
        Event e = event("javax/management/MBeanServer/INVOKE", subject("max", "jmx", "127.0.0.1"), "method", "invoke",
                "signature", INVOKE, "params", new Object[] {CONFIG, "setProperty",
                    new Object[] {"pid", "key", "value"}, new String[] {"java.lang.String", "java.lang.String", "java.lang.String"}});
        assertEquals("1970-01-01T00:00:00.000Z | max | jmx (127.0.0.1) | setProperty(\"pid\", \"key\", \"value\") | "
                + "org.apache.karaf:name=root,type=config | ok", jmx(e));
    }

    @Test
    void aRefusalAsTheGuardReportsItWithTheSignatureBeforeTheArguments() {
        Event e = event("javax/management/MBeanServer/INVOKE", subject("vera", "jolokia", "10.0.0.7"), "params",
                new Object[] {CONFIG, "delete", new String[] {"java.lang.String"}, new Object[] {"the.card"}},
                "error", new SecurityException("Insufficient roles/credentials for operation"));
        assertEquals("1970-01-01T00:00:00.000Z | vera | jolokia (10.0.0.7) | delete(\"the.card\") | "
                + "org.apache.karaf:name=root,type=config | refused: Insufficient roles/credentials for operation (jmx.acl)",
                jmx(e));
    }

    @Test
    void attributeWritesAlwaysReadsOnlyWhenRefused() {
        ObjectName memory = name("java.lang:type=Memory");
        Subject vera = subject("vera", "jmx", "127.0.0.1");
        assertTrue(jmx(event("javax/management/MBeanServer/SETATTRIBUTE", vera, "params",
                new Object[] {memory, new Attribute("Verbose", true)})).endsWith("| setVerbose(true) | java.lang:type=Memory | ok"));
        assertNull(jmx(event("javax/management/MBeanServer/GETATTRIBUTE", vera, "params", new Object[] {memory, "Verbose"})));
        assertTrue(jmx(event("javax/management/MBeanServer/GETATTRIBUTE", vera, "params", new Object[] {memory, "Verbose"},
                "error", new RuntimeMBeanException(new SecurityException("to read x needs the viewer role"))))
                .endsWith("| getVerbose() | java.lang:type=Memory | refused: to read x needs the viewer role"));
    }

    @Test
    void mbeansCreatedAndUnregisteredAndTheConnectorsRefusals() {
        ObjectName timer = name("itest:type=Timer");
        Subject karaf = subject("karaf", "jmx", "127.0.0.1");
        assertEquals("1970-01-01T00:00:00.000Z | karaf | jmx (127.0.0.1) | createMBean(\"javax.management.timer.Timer\") | "
                + "itest:type=Timer | ok", jmx(event("javax/management/MBeanServer/CREATEMBEAN", karaf, "params",
                new Object[] {"javax.management.timer.Timer", timer})));
        assertTrue(jmx(event("javax/management/MBeanServer/UNREGISTERMBEAN", karaf, "params", new Object[] {timer}))
                .endsWith("| unregisterMBean() | itest:type=Timer | ok"));
        Subject vera = subject("vera", "jmx", "127.0.0.1");
        assertTrue(jmx(event("javax/management/MBeanServer/CREATEMBEAN", vera, "guard", "connector", "method", "createMBean",
                "params", new Object[] {"javax.management.loading.MLet", timer, new Object[0], new String[0]},
                "error", new SecurityException("to create an MBean over JMX needs the admin role")))
                .endsWith("| vera | jmx (127.0.0.1) | createMBean(\"javax.management.loading.MLet\") | itest:type=Timer | "
                        + "refused: to create an MBean over JMX needs the admin role"));
        assertTrue(jmx(event("javax/management/MBeanServer/QUERYNAMES", vera, "guard", "connector", "method", "queryNames",
                "params", new Object[] {null, "a query"}, "error", new SecurityException("to query")))
                .endsWith("| queryNames() | * | refused: to query"));
        assertNull(jmx(event("javax/management/MBeanServer/QUERYNAMES", vera, "params", new Object[] {null, null})));
    }

    @Test
    void secretsAreLeftOutAndLongArgumentsCut() {
        assertEquals("(\"pid\", \"db.password\", ***)", JmxCall.arguments("setProperty", new Object[] {"pid", "db.password", "s3cret"}));
        assertEquals("(***, ***)", JmxCall.arguments("changePassword", new Object[] {"vera", "s3cret"}));
        assertEquals("(\"" + "x".repeat(100) + "...\", 16777216 bytes, [1, 2])",
                JmxCall.arguments("write", new Object[] {"x".repeat(150), new byte[16 << 20], new int[] {1, 2}}));
    }

    @Test
    void callsWithoutAUserAreNotAudited() {
        assertNull(Caller.of(null));
        Subject roles = new Subject();
        roles.getPrincipals().add(new RolePrincipal("admin"));
        assertEquals("- | jmx (in-process)", Caller.of(roles).user() + " | " + Caller.of(roles).path("jmx"));
    }

    private static String console(Event event, boolean exists) {
        AuditLine line = ConsoleCommand.line(event, Caller.of(event.getProperty("subject")), c -> exists, s -> s);
        return line == null ? null : line.toString();
    }

    @Test
    void aConsoleLineIsItsCommandAndItsArguments() {
        Subject vera = subject("vera", "ssh", "/127.0.0.1:40242");
        assertEquals("1970-01-01T00:00:00.000Z | vera | console (ssh /127.0.0.1:40242) | ndctl:disable-region | region0 | "
                + "refused: ndctl:disable-region is not permitted (command ACL)",
                console(event("org/apache/karaf/shell/console/EXECUTED", vera, "command", "ndctl:disable-region region0",
                        "exception", new CommandNotFoundException("ndctl:disable-region")), true));
        assertTrue(console(event("org/apache/karaf/shell/console/EXECUTED", subject("karaf", "local", "localhost"),
                "command", "ndctl:list"), true).endsWith("| karaf | console (local) | ndctl:list |  | ok"));
        assertNull(console(event("org/apache/karaf/shell/console/EXECUTED", vera, "command", "  "), true));
    }

    @Test
    void aSessionsInitScriptIsNotAUsersCommand(@TempDir Path etc) throws IOException {
        Files.writeString(etc.resolve("shell.init.script"), "// comment\n// more\nld = { log:display $args } ;\n");
        Files.createDirectories(etc.resolve("scripts"));
        Files.writeString(etc.resolve("scripts/a.script"), "# a comment\nx = { y }\n");
        String etcBefore = System.getProperty("karaf.etc");
        String scriptsBefore = System.getProperty("karaf.shell.init.script");
        System.setProperty("karaf.etc", etc.toString());
        System.setProperty("karaf.shell.init.script", "shell.init.script,scripts/*.script");
        try {
            Subject max = subject("max", "ssh", "/127.0.0.1:1");
            // as Karaf's parser hands them on: some comment lines emptied, spacing changed
            assertNull(console(event("org/apache/karaf/shell/console/EXECUTED", max, "command",
                    "// comment\n\nld = { log:display $args } ; \n"), true));
            assertNull(console(event("org/apache/karaf/shell/console/EXECUTED", max, "command", "x = { y }\n"), true));
            assertTrue(console(event("org/apache/karaf/shell/console/EXECUTED", max, "command",
                    "ld = { log:display $args } ;\nconfig:delete dev.ocxlpmem.emulator.card~default"), true)
                    .contains("| ok"));
        } finally {
            restore("karaf.etc", etcBefore);
            restore("karaf.shell.init.script", scriptsBefore);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
