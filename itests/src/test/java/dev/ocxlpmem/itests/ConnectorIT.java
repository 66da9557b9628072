package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.ops4j.pax.exam.karaf.options.KarafDistributionOption.editConfigurationFilePut;

import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.Query;
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
 * What JMX over RMI offers besides operations and attributes, which Karaf's jmx.acl guard never sees:
 * creating MBeans (an MLet with a URL of the caller's choice, then an MBean of a class loaded
 * through it, whose constructor runs as Karaf's user), unregistering them, listeners that name an
 * MBean, queries that read attributes. A viewer (vera) and a manager (max) get none of it; an admin
 * (karaf) creates and unregisters MBeans, but no class loader MBean. The same after the management
 * configuration changes and Karaf creates its connector again. Refusals and an admin's changes are
 * in the audit trail. The table goes to the test's output.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ConnectorIT extends OcxlpmemTestSupport {
    private static final ObjectName CONNECTOR = objectName("connector:name=rmi");
    private static final ObjectName MLET = objectName("ocxlpmem.itest:type=MLet");
    /** An MLet the test registers in-process, so that a remote create through it reaches the guard. */
    private static final ObjectName LOADER = objectName("ocxlpmem.itest:type=Loader");
    private static final ObjectName TIMER = objectName("ocxlpmem.itest:type=Timer");
    private static final ObjectName PAYLOAD = objectName("ocxlpmem.itest:type=Payload");
    private static final ObjectName NVDIMM = objectName("dev.ocxlpmem:type=Nvdimm");
    private static final ObjectName KARAF_BUNDLES = objectName("org.apache.karaf:type=bundle,name=root");
    private static final String MLET_CLASS = "javax.management.loading.MLet";
    private static final String TIMER_CLASS = "javax.management.timer.Timer";
    private static final String[] URLS = {URL[].class.getName()};

    /** What was tried, by whom, and what came of it. */
    private static final Map<String, String> TABLE = new LinkedHashMap<>();

    /** An MBean whose constructor leaves a file behind: code that ran in Karaf, as Karaf's user. */
    public interface PayloadMBean {
    }

    public static final class Payload implements PayloadMBean {
        public Payload() throws Exception {
            Files.writeString(ran(), "ran as " + System.getProperty("user.name") + "\n");
        }
    }

    static Path ran() {
        return Path.of(System.getProperty("karaf.data"), "tmp", "connector-it-payload-ran");
    }

    @Configuration
    @Override
    public Option[] config() {
        List<Option> options = new ArrayList<>(List.of(super.config()));
        options.add(editConfigurationFilePut("etc/users.properties", "vera", "vera,_g_:viewergroup"));
        options.add(editConfigurationFilePut("etc/users.properties", "max", "max,_g_:managergroup"));
        return options.toArray(new Option[0]);
    }

    /** The payload's classes in a directory of their own, for an MLet to load from a file: URL. */
    private static URL payloadDirectory() throws Exception {
        Path directory = Path.of(System.getProperty("karaf.data"), "tmp", "connector-it");
        for (Class<?> type : new Class<?>[] {Payload.class, PayloadMBean.class}) {
            String file = type.getName().replace('.', '/') + ".class";
            Path target = directory.resolve(file);
            Files.createDirectories(target.getParent());
            try (InputStream in = ConnectorIT.class.getClassLoader().getResourceAsStream(file)) {
                Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return directory.toUri().toURL();
    }

    @FunctionalInterface
    interface Call {
        Object run() throws Exception;
    }

    /** {@code refused (why)}, {@code allowed} or {@code failed: the exception}. */
    private static String attempt(Call call) {
        try {
            call.run();
            return "allowed";
        } catch (Exception e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof SecurityException) {
                    return "refused (" + t.getMessage() + ")";
                }
            }
            return "failed: " + e;
        }
    }

    /** Runs {@code call} as {@code role}, records it in the table and its outcome's first word in {@code outcomes}. */
    private static void row(List<String> outcomes, String when, String role, String what, Call call) {
        String outcome = attempt(call);
        TABLE.put(when + " | " + what + " | " + role, outcome);
        outcomes.add(role + " " + what + ": " + outcome);
    }

    /** Everything a viewer or a manager may not do over RMI; each must be refused and leave nothing behind. */
    private void nothingFor(String user, String role, String when, URL payload) throws Exception {
        List<String> outcomes = new ArrayList<>();
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        platform.createMBean(MLET_CLASS, LOADER, new Object[] {new URL[] {payload}}, URLS);
        try (JMXConnector connector = jmxConnect(user, user)) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            row(outcomes, when, role, "createMBean MLet(" + payload + ")", () -> mbs.createMBean(MLET_CLASS, MLET,
                    new Object[] {new URL[] {payload}}, URLS));
            row(outcomes, when, role, "createMBean Payload through an MLet",
                    () -> mbs.createMBean(Payload.class.getName(), PAYLOAD, LOADER));
            row(outcomes, when, role, "createMBean Payload through an MLet, with constructor arguments",
                    () -> mbs.createMBean(Payload.class.getName(), PAYLOAD, LOADER, new Object[0], new String[0]));
            row(outcomes, when, role, "createMBean Timer", () -> mbs.createMBean(TIMER_CLASS, TIMER));
            row(outcomes, when, role, "createMBean Timer, with constructor arguments",
                    () -> mbs.createMBean(TIMER_CLASS, TIMER, new Object[0], new String[0]));
            row(outcomes, when, role, "unregisterMBean " + NVDIMM, () -> {
                mbs.unregisterMBean(NVDIMM);
                return null;
            });
            row(outcomes, when, role, "unregisterMBean " + KARAF_BUNDLES, () -> {
                mbs.unregisterMBean(KARAF_BUNDLES);
                return null;
            });
            row(outcomes, when, role, "addNotificationListener naming an MBean as the listener", () -> {
                mbs.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, KARAF_BUNDLES, null, null);
                return null;
            });
            row(outcomes, when, role, "removeNotificationListener naming an MBean as the listener", () -> {
                mbs.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, KARAF_BUNDLES);
                return null;
            });
            row(outcomes, when, role, "queryNames with a query of attribute values", () -> mbs.queryNames(null,
                    Query.eq(Query.attr("Verbose"), Query.value(false))));
            for (ObjectName name : new ObjectName[] {MLET, PAYLOAD, TIMER}) {
                TABLE.put(when + " | " + name + " registered after " + role + "'s attempts", "" + mbs.isRegistered(name));
                assertFalse(name + " created by " + role + " (" + when + ")", mbs.isRegistered(name));
            }
            assertTrue(NVDIMM + " unregistered by " + role + " (" + when + ")", mbs.isRegistered(NVDIMM));
            assertTrue(KARAF_BUNDLES + " unregistered by " + role + " (" + when + ")", mbs.isRegistered(KARAF_BUNDLES));
            // reading is left to jmx.acl: a plain query and an MBean's info still answer
            assertTrue(mbs.queryNames(new ObjectName("dev.ocxlpmem:*"), null).contains(NVDIMM));
            assertEquals("dev.ocxlpmem.management.internal.NvdimmView", mbs.getMBeanInfo(NVDIMM).getClassName());
        } finally {
            platform.unregisterMBean(LOADER);
        }
        assertFalse("the payload's constructor ran (" + when + "): " + (Files.exists(ran()) ? Files.readString(ran()) : ""),
                Files.exists(ran()));
        List<String> notRefused = outcomes.stream().filter(o -> !o.contains(": refused (")).toList();
        assertTrue(role + " " + when + ", not refused:\n  " + String.join("\n  ", notRefused), notRefused.isEmpty());
    }

    /** An admin creates and unregisters an MBean, queries by attribute, and creates no class loader. */
    private void whatAnAdminDoes(String when, URL payload) throws Exception {
        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            String mlet = attempt(() -> mbs.createMBean(MLET_CLASS, MLET, new Object[] {new URL[] {payload}}, URLS));
            TABLE.put(when + " | createMBean MLet(" + payload + ") | admin", mlet);
            assertTrue("an admin's MLet: " + mlet, mlet.startsWith("refused"));
            assertFalse(mbs.isRegistered(MLET));
            String timer = attempt(() -> mbs.createMBean(TIMER_CLASS, TIMER));
            TABLE.put(when + " | createMBean Timer | admin", timer);
            assertEquals("allowed", timer);
            assertTrue(mbs.isRegistered(TIMER));
            String query = attempt(() -> mbs.queryNames(null, Query.eq(Query.attr("Verbose"), Query.value(false))));
            TABLE.put(when + " | queryNames with a query of attribute values | admin", query);
            assertEquals("allowed", query);
            String unregister = attempt(() -> {
                mbs.unregisterMBean(TIMER);
                return null;
            });
            TABLE.put(when + " | unregisterMBean " + TIMER + " | admin", unregister);
            assertEquals("allowed", unregister);
            assertFalse(mbs.isRegistered(TIMER));
        }
        assertFalse(Files.exists(ran()));
    }

    @Test
    public void a_aViewerAndAManagerCreateAndUnregisterNothing() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        URL payload = payloadDirectory();
        nothingFor("vera", "viewer", "as started", payload);
        nothingFor("max", "manager", "as started", payload);
    }

    @Test
    public void b_anAdminCreatesAndUnregistersButNoClassLoader() throws Exception {
        whatAnAdminDoes("as started", payloadDirectory());
    }

    private static Path auditLog() {
        return Path.of(System.getProperty("karaf.data"), "log", "ocxlpmem-audit.log");
    }

    private static List<String> auditLines(String user, String operation) throws Exception {
        if (!Files.exists(auditLog())) {
            return List.of();
        }
        return Files.readAllLines(auditLog(), StandardCharsets.UTF_8).stream()
                .filter(l -> l.contains(" | " + user + " | jmx (") && l.contains(" | " + operation)).toList();
    }

    @Test
    public void c_refusalsAndAnAdminsChangesAreAudited() throws Exception {
        awaitCondition(() -> auditLines("vera", "createMBean(\"" + MLET_CLASS + "\"").stream()
                .anyMatch(l -> l.contains(" | " + MLET + " | refused: to create an MBean over JMX needs the admin role; "
                        + "user 'vera' has the roles ")), "vera's MLet refused in the audit trail: "
                + auditLines("vera", ""));
        awaitCondition(() -> auditLines("vera", "unregisterMBean()").stream()
                .anyMatch(l -> l.contains(" | " + NVDIMM + " | refused: to unregister an MBean over JMX needs the admin "
                        + "role; user 'vera' has the roles ")), "vera's unregisterMBean in the audit trail: "
                + auditLines("vera", ""));
        awaitCondition(() -> auditLines("karaf", "createMBean(\"" + TIMER_CLASS + "\") | " + TIMER + " | ok")
                .size() == 1, "the admin's Timer in the audit trail: " + auditLines("karaf", ""));
        awaitCondition(() -> auditLines("karaf", "unregisterMBean() | " + TIMER + " | ok").size() == 1,
                "the admin's unregisterMBean in the audit trail: " + auditLines("karaf", ""));
        List<String> shown = new ArrayList<>(auditLines("vera", ""));
        shown.addAll(auditLines("karaf", ""));
        TABLE.put("audit | lines of vera and karaf", "\n    " + String.join("\n    ", shown));
    }

    /**
     * A change to the management configuration makes Karaf stop its connector and create another
     * (management/server Activator): the new one is held as well, from its first connection.
     */
    @Test
    public void d_theSameAfterKarafCreatesItsConnectorAgain() throws Exception {
        MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
        AtomicInteger registered = new AtomicInteger();
        NotificationListener counter = (n, handback) -> {
            if (n instanceof MBeanServerNotification m && m.getType().equals(MBeanServerNotification.REGISTRATION_NOTIFICATION)
                    && m.getMBeanName().equals(CONNECTOR)) {
                registered.incrementAndGet();
            }
        };
        platform.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, counter, null, null);
        try {
            org.osgi.service.cm.Configuration management = configurationAdmin.getConfiguration("org.apache.karaf.management", null);
            Dictionary<String, Object> properties = management.getProperties();
            properties.put("ocxlpmem.itest.touched", String.valueOf(System.nanoTime()));
            management.update(properties);
            awaitCondition(() -> registered.get() > 0 && platform.isRegistered(CONNECTOR), CONNECTOR + " registered again");
        } finally {
            platform.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, counter);
        }
        TABLE.put("again | " + CONNECTOR + " registered since the configuration changed", registered.get() + " time(s)");
        URL payload = payloadDirectory();
        nothingFor("vera", "viewer", "created again", payload);
        nothingFor("max", "manager", "created again", payload);
        whatAnAdminDoes("created again", payload);
    }

    @Test
    public void z_theTable() {
        StringBuilder table = new StringBuilder("JMX over RMI beyond jmx.acl (when | what | role: outcome):\n");
        TABLE.forEach((k, v) -> table.append("  ").append(k).append(": ").append(v).append('\n'));
        System.out.println(table);
    }
}
