package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedActionException;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;

import javax.security.auth.Subject;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import javax.management.remote.JMXConnector;

import org.apache.karaf.shell.api.console.Session;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.MethodSorters;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

/**
 * The card's controller end to end in the distribution, as an operator drives it: health, the
 * monitor of injected events, media errors, firmware update and sanitize from the console, and
 * the same over the JMX RMI connector with the controller's notifications. One boot, in order.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ControllerIT extends OcxlpmemTestSupport {
    static final ObjectName DIMM = name("dev.ocxlpmem:type=Dimm,name=nmem0");

    @Inject
    protected BundleContext bundleContext;

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A file in the files directory, where the file options read and write. */
    private static String data(String file) {
        return new File(System.getProperty("karaf.data"), "ocxlpmem/files/" + file).getAbsolutePath();
    }

    /** A command that must fail: what it printed and why, for the assertions. */
    private String refused(String command) {
        return refusedAs(command, ADMIN_ROLES);
    }

    @Test
    public void a_healthAsNdctlListsItAndTheControllersEventsOnEventAdmin() throws Exception {
        String dh = awaitCommand("ndctl:list -DH", o -> o.contains("\"health\""), "nmem0's health", SETTLE_TIMEOUT_MS);
        Map<String, Object> health = Json.object(Json.object(Json.array(Json.parse(dh), "dimms").get(0), "nmem0")
                .get("health"), "health");
        assertEquals("ok", health.get("health_state"));
        assertEquals(List.of("health_state", "temperature_celsius", "controller_temperature_celsius",
                "spares_percentage", "alarm_temperature", "alarm_controller_temperature", "alarm_spares",
                "alarm_enabled_media_temperature", "temperature_threshold", "alarm_enabled_ctrl_temperature",
                "controller_temperature_threshold", "alarm_enabled_spares", "spares_threshold", "life_used_percentage",
                "shutdown_state", "shutdown_count"), List.copyOf(health.keySet()));

        List<String> seen = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "dev/ocxlpmem/scm/*");
        ServiceRegistration<EventHandler> handler = bundleContext.registerService(EventHandler.class,
                (Event e) -> seen.add(e.getTopic() + " " + e.getProperty("dev") + " " + e.getProperty("health_state")),
                properties);
        try {
            executeCommand("ndctl:inject-smart -m 90 nmem0");
            awaitCondition(() -> seen.contains("dev/ocxlpmem/scm/HEALTH_CHANGED nmem0 non-critical"), "the event: " + seen);
        } finally {
            handler.unregister();
            executeCommand("ndctl:inject-smart -N nmem0");
        }
    }

    @Test
    public void b_theMonitorPrintsOneJsonLinePerInjectedEventUntilInterrupted() throws Exception {
        Path log = Path.of(data("monitor.log"));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(console, true, StandardCharsets.UTF_8);
        Session session = sessionFactory.create(System.in, out, out);
        Thread monitor = new Thread(() -> {
            try {
                // as the admin: the console's ACLs hide commands from a session without roles
                Subject.doAs(subject(ADMIN_ROLES),
                        (PrivilegedExceptionAction<Object>) () -> session.execute("ndctl:monitor -l " + log));
            } catch (PrivilegedActionException e) {
                if (!(e.getCause() instanceof InterruptedException)) { // how Gogo ends a job on Ctrl-C
                    out.println("monitor failed: " + e.getCause());
                }
            } catch (RuntimeException e) {
                out.println("monitor failed: " + e);
            }
        }, "itest monitor");
        monitor.start();
        try {
            Thread.sleep(1000); // its first look: a healthy card, nothing to say
            executeCommand("ndctl:inject-smart -s 5 nmem0");
            executeCommand("ocxl:inject nmem0 error thermal the fan stopped");
            awaitCondition(() -> Files.exists(log) && Files.readString(log).contains("the fan stopped"),
                    "both events in " + log + "; the console said: " + console);
        } finally {
            monitor.interrupt(); // Ctrl-C
            monitor.join(10_000);
            session.close();
            executeCommand("ndctl:inject-smart -N nmem0");
        }
        assertTrue("Ctrl-C ends the monitor", !monitor.isAlive());
        List<String> lines = Files.readAllLines(log);
        Map<String, Object> spares = Json.object(Json.parse(lines.get(0)), "the first event");
        Map<String, Object> events = Json.object(spares.get("event"), "event");
        assertEquals(true, events.get("dimm-spares-remaining"));
        assertEquals(true, events.get("dimm-health-state"));
        assertEquals("critical", Json.object(Json.object(spares.get("dimm"), "dimm").get("health"), "health")
                .get("health_state"));
        assertTrue(lines.toString(), lines.stream().anyMatch(l -> l.contains("\"dimm-error-log\":true")
                && l.contains("\"type\":\"thermal warning\"")));
        assertTrue(console.toString(StandardCharsets.UTF_8), !console.toString(StandardCharsets.UTF_8)
                .contains("failed"));
    }

    @Test
    public void c_injectedMediaErrorsAreTheRegionsBadBlocks() throws Exception {
        String injected = executeCommand("ndctl:inject-error -B 64 -n 8 region0");
        assertTrue(injected, injected.contains("\"badblock_count\":8"));
        String listed = executeCommand("ndctl:list -RM");
        Map<String, Object> region = Json.object(Json.array(Json.parse(listed), "regions").get(0), "region0");
        Map<String, Object> bad = Json.object(Json.array(region.get("badblocks"), "badblocks").get(0), "bad block");
        assertEquals(64L, bad.get("offset"));
        assertEquals(8L, bad.get("length"));
        assertEquals(List.of("nmem0"), bad.get("dimms"));
        assertTrue(executeCommand("ndctl:inject-error -t region0").contains("\"block\":64"));
        assertTrue(executeCommand("ocxl:error-log nmem0").contains("media error injected"));
    }

    @Test
    public void d_firmwareIsUpdatedFromTheConsoleAndABadImageRefused() throws Exception {
        String image = data("fw-2.0.0.img");
        executeCommand("ocxl:firmware-image -V 2.0.0 -s 100000 -o " + image);
        String updated = executeCommand("ndctl:update-firmware -f " + image + " nmem0");
        assertTrue(updated, updated.contains("] 100%") && updated.contains("updated 1 nmem."));
        String df = executeCommand("ndctl:list -DFu");
        assertTrue(df, df.contains("\"current_version\":\"0x302e302e32\""));

        byte[] bad = Files.readAllBytes(Path.of(image));
        bad[bad.length - 1] ^= 1;
        Files.write(Path.of(data("bad.img")), bad);
        String refusal = refused("ndctl:update-firmware -f " + data("bad.img") + " nmem0");
        assertTrue(refusal, refusal.contains("status 0x52 (firmware image invalid)"));
        executeCommand("ocxl:inject nmem0 block-firmware on");
        String blocked = refused("ndctl:update-firmware -f " + image + " nmem0");
        assertTrue(blocked, blocked.contains("firmware update blocked"));
        executeCommand("ocxl:inject nmem0 block-firmware off");
    }

    @Test
    public void e_sanitizeFromTheConsoleNeedsTheRegionDisabledAndOverwritesTheMedia() throws Exception {
        String busy = refused("ndctl:sanitize-dimm --overwrite nmem0");
        assertTrue(busy, busy.contains("region0 is enabled"));
        executeCommand("ndctl:disable-region region0");
        executeCommand("ndctl:init-labels -f nmem0");
        String done = executeCommand("ndctl:sanitize-dimm --overwrite nmem0");
        assertTrue(done, done.contains("nmem0: overwrite completed.") && done.contains("overwrite issued for 1 nmem."));
        String labels = refused("ndctl:check-labels nmem0");
        assertTrue("the labels are gone with the rest: " + labels, labels.contains("found 16 zero bytes"));
        executeCommand("ndctl:enable-region region0");
        String r = executeCommand("ndctl:list -R");
        assertTrue("the overwrite cleared the bad blocks: " + r, !r.contains("badblock_count"));
    }

    @Test
    public void f_overJmxHealthFirmwareOperationsAndTheControllersNotifications() throws Exception {
        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            CompositeData health = (CompositeData) mbs.getAttribute(DIMM, "Health");
            assertEquals("ok", health.get("healthState"));
            assertEquals("2.0.0", ((CompositeData) mbs.getAttribute(DIMM, "Firmware")).get("currentVersion"));

            List<Notification> notifications = new CopyOnWriteArrayList<>();
            NotificationListener listener = (n, handback) -> notifications.add(n);
            mbs.addNotificationListener(DIMM, listener, null, null);
            executeCommand("ndctl:inject-smart -c 99 nmem0");
            awaitCondition(() -> notifications.stream().anyMatch(n -> n.getType().equals("dev.ocxlpmem.scm.health.changed")),
                    "a health notification, got " + notifications);
            executeCommand("ndctl:inject-smart -N nmem0");

            executeCommand("ocxl:firmware-image -V 3.0.0 -o " + data("fw-3.0.0.img"));
            CompositeData firmware = (CompositeData) mbs.invoke(DIMM, "updateFirmware",
                    new Object[] {Files.readAllBytes(Path.of(data("fw-3.0.0.img"))), true},
                    new String[] {"[B", "boolean"});
            assertEquals("3.0.0", firmware.get("currentVersion"));
            CompositeData[] log = (CompositeData[]) mbs.invoke(DIMM, "errorLog", new Object[0], new String[0]);
            assertTrue(log.length > 0);
            TabularData stats = (TabularData) mbs.invoke(DIMM, "statistics", new Object[0], new String[0]);
            assertEquals(100L, stats.get(new Object[] {"life_remaining_percentage"}).get("value"));

            try {
                mbs.invoke(DIMM, "sanitize", new Object[0], new String[0]);
                fail("sanitize went through while region0 was enabled");
            } catch (Exception e) {
                String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                assertTrue(message, message.contains("region0 is enabled"));
            }
            executeCommand("ndctl:disable-region region0");
            assertEquals("SUCCEEDED", mbs.invoke(DIMM, "sanitize", new Object[0], new String[0]));
            awaitCondition(() -> notifications.stream().anyMatch(n -> n.getType().equals("dev.ocxlpmem.scm.overwrite.ended")),
                    "the overwrite's end as a notification, got " + notifications);
            executeCommand("ndctl:enable-region region0");
            mbs.removeNotificationListener(DIMM, listener);
        }
    }

    @Test
    public void g_anInjectionDoesWhatNdctlsOptionDoesAndNoControllerResetIntoAnArmedImage() throws Exception {
        String image = data("fw-5.0.0.img");
        executeCommand("ocxl:firmware-image -V 5.0.0 -o " + image);
        executeCommand("ndctl:update-firmware -D -f " + image + " nmem0");
        executeCommand("ndctl:inject-smart -m 70 nmem0");
        executeCommand("ndctl:inject-smart -N nmem0");
        String df = executeCommand("ndctl:list -DFu");
        assertTrue("3.0.0 still runs, 5.0.0 still armed: " + df, df.contains("\"current_version\":\"0x302e302e33\"")
                && df.contains("\"next_version\":\"0x302e302e35\"") && df.contains("\"activate_state\":\"armed\""));
        String negative = refused("ocxl:firmware-image -V 5.0.1 -s -8 -o " + data("negative.img"));
        assertTrue(negative, negative.contains("-s -8: the payload size must be a multiple of 8"));
        assertTrue(!new File(data("negative.img")).exists());
    }

    @Test
    public void h_aDimmWhoseControllerWentFatalComesBackWithEnableDimm() throws Exception {
        executeCommand("ndctl:inject-smart -f nmem0");
        awaitCommand("ndctl:list -Di", o -> o.contains("\"state\":\"disabled\""), "nmem0 disabled", SETTLE_TIMEOUT_MS);
        String hidden = executeCommand("ndctl:list -DH");
        assertTrue(hidden, !hidden.contains("\"dev\"") && hidden.contains("nmem0 is disabled; use -i to list it"));
        String viewer = refusedAs("ndctl:enable-dimm nmem0", "viewer");
        assertTrue(viewer, viewer.contains("Insufficient") || viewer.contains("not found"));
        String fatal = refusedAs("ndctl:enable-dimm nmem0", "manager");
        assertTrue(fatal, fatal.contains("nmem0 stays disabled") && fatal.contains("still in a fatal firmware state"));

        executeCommand("ndctl:inject-smart -F nmem0");
        assertTrue(executeCommand("ndctl:enable-dimm nmem0", "manager").contains("enabled 1 nmem"));
        String dh = executeCommand("ndctl:list -DH");
        assertTrue(dh, dh.contains("\"health_state\":\"ok\"") && !dh.contains("disabled"));

        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            assertEquals(false, mbs.getAttribute(DIMM, "ReadOnly"));
            try {
                mbs.invoke(DIMM, "disableDimm", new Object[0], new String[0]);
                fail("nmem0 was disabled under the enabled region0");
            } catch (Exception e) {
                String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                assertTrue(message, message.contains("region0 is enabled on it"));
            }
            executeCommand("ndctl:disable-region region0");
            mbs.invoke(DIMM, "disableDimm", new Object[0], new String[0]);
            assertEquals("disabled", mbs.getAttribute(DIMM, "State"));
            String region = refused("ndctl:enable-region region0");
            assertTrue(region, region.contains("nmem0 is disabled"));
            mbs.invoke(DIMM, "enableDimm", new Object[0], new String[0]);
            assertEquals("enabled", mbs.getAttribute(DIMM, "State"));
        }
        executeCommand("ndctl:enable-region region0");
    }

    /** A command that must fail for a user with {@code roles}: what it printed and why. */
    private String refusedAs(String command, String... roles) {
        try {
            String out = executeCommand(command, roles);
            throw new IllegalStateException("'" + command + "' did not fail; it printed:\n" + out);
        } catch (AssertionError expected) {
            return expected.getMessage();
        }
    }
}
