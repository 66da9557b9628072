package dev.ocxlpmem.itests;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;
import javax.management.MBeanServerConnection;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.remote.JMXConnector;

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
 * What an operator and an integrating system use, end to end in the distribution: the lifecycle
 * events on EventAdmin, the MBeans' operations and notifications over the JMX RMI connector, and
 * the console through the batch client {@code bin/client -b} as a script runs it (its output and
 * exit status).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class OperatorIT extends OcxlpmemTestSupport {
    static final ObjectName NVDIMM = name("dev.ocxlpmem:type=Nvdimm");
    static final ObjectName REGION = name("dev.ocxlpmem:type=Region,name=region0");
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

    @Test
    public void a_regionStateChangesArePublishedOnceOnEventAdmin() throws Exception {
        awaitCommand("ndctl:list -R", o -> o.contains("\"dev\":\"region0\""), "region0", SETTLE_TIMEOUT_MS);
        List<String> seen = new CopyOnWriteArrayList<>();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(EventConstants.EVENT_TOPIC, "dev/ocxlpmem/nvdimm/*");
        ServiceRegistration<EventHandler> handler = bundleContext.registerService(EventHandler.class,
                (Event e) -> seen.add(e.getTopic() + " " + e.getProperty("dev")), properties);
        try {
            executeCommand("ndctl:disable-region region0");
            executeCommand("ndctl:disable-region region0"); // already disabled: no event
            executeCommand("ndctl:enable-region 0");
            awaitCondition(() -> seen.size() >= 2, "two events, seen " + seen);
            Thread.sleep(500);
            assertEquals(List.of("dev/ocxlpmem/nvdimm/Region/DISABLED region0",
                    "dev/ocxlpmem/nvdimm/Region/ENABLED region0"), List.copyOf(seen));
        } finally {
            handler.unregister();
        }
    }

    @Test
    public void b_theMBeansOperationsAndNotificationsOverRmi() throws Exception {
        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            // the MBeans are published by the JMX whiteboard as their services come: after the console sees region0
            awaitCondition(() -> mbs.isRegistered(REGION) && mbs.isRegistered(DIMM), "the region's and DIMM's MBeans");
            assertArrayEquals(new ObjectName[] {REGION}, (ObjectName[]) mbs.getAttribute(NVDIMM, "Regions"));
            assertEquals(16L << 20, mbs.getAttribute(REGION, "Align"));
            assertEquals("unknown", mbs.getAttribute(REGION, "PersistenceDomain"));
            assertEquals("enabled", mbs.getAttribute(REGION, "State"));
            assertEquals("enabled", mbs.getAttribute(DIMM, "State"));
            assertArrayEquals(new String[] {"LABELING"}, (String[]) mbs.getAttribute(DIMM, "Flags"));

            List<Notification> notifications = new CopyOnWriteArrayList<>();
            NotificationListener listener = (n, handback) -> notifications.add(n);
            mbs.addNotificationListener(NVDIMM, listener, null, null);
            mbs.addNotificationListener(REGION, listener, null, null);

            try {
                mbs.invoke(DIMM, "initLabels", new Object[] {"1.2", true}, new String[] {"java.lang.String", "boolean"});
                fail("initLabels went through while region0 was enabled");
            } catch (Exception e) {
                String message = String.valueOf(e.getCause() != null ? e.getCause().getMessage() : e.getMessage());
                assertTrue(message, message.contains("region0 is enabled and owns the labels"));
            }
            mbs.invoke(REGION, "disableRegion", new Object[0], new String[0]);
            assertEquals("disabled", mbs.getAttribute(REGION, "State"));
            mbs.invoke(DIMM, "initLabels", new Object[] {"1.2", true}, new String[] {"java.lang.String", "boolean"});
            assertEquals("VALID", mbs.getAttribute(DIMM, "LabelState"));
            assertEquals(0, ((CompositeData[]) mbs.invoke(DIMM, "checkLabels", new Object[0], new String[0])).length);
            String json = (String) mbs.invoke(DIMM, "readLabels", new Object[0], new String[0]);
            assertTrue(json, json.contains("\"nslot\":65470"));
            mbs.invoke(REGION, "enableRegion", new Object[0], new String[0]);

            // the region's namespaces come and go with it too (dev.ocxlpmem.namespace.removed, .added)
            List<String> expected = List.of(
                    NVDIMM + " dev.ocxlpmem.region.disabled", REGION + " dev.ocxlpmem.region.disabled",
                    NVDIMM + " dev.ocxlpmem.region.enabled", REGION + " dev.ocxlpmem.region.enabled");
            awaitCondition(() -> notifications.stream().map(n -> n.getSource() + " " + n.getType()).toList()
                    .containsAll(expected), "the region's 4 notifications, got " + notifications);
            mbs.removeNotificationListener(NVDIMM, listener);
            mbs.removeNotificationListener(REGION, listener);
        }
    }

    @Test
    public void c_theBatchClientGetsWhatACommandReportsAndItsExitStatus() throws Exception {
        Result disabled = client("ndctl:disable-region region0");
        assertEquals(disabled.output, 0, disabled.status);
        assertTrue(disabled.output, disabled.output.contains("disabled 1 region"));

        Result verbose = client("ndctl:check-labels -v nmem0");
        assertEquals(verbose.output, 0, verbose.status);
        assertTrue(verbose.output, verbose.output.contains("nmem0: version 1.2, index block 0 current (seq 3), 0 labels"));
        assertTrue(verbose.output, verbose.output.contains("successfully verified 1 nmem label"));

        Result json = client("ndctl:read-labels -j nmem0");
        assertTrue(json.output, json.output.startsWith("[\n  {\n    \"dev\":\"nmem0\""));
        assertTrue(json.output, json.output.contains("read 1 nmem"));

        Result enabled = client("ndctl:enable-region all");
        assertTrue(enabled.output, enabled.output.contains("enabled 1 region"));

        Result refused = client("ndctl:zero-labels nmem0");
        assertEquals(refused.output, 1, refused.status);
        assertTrue(refused.output, refused.output.contains("zeroed 0 nmem"));
        assertTrue(refused.output, refused.output.contains("regions active, abort label write"));

        Result unknown = client("ndctl:list -r region9");
        assertEquals(unknown.output, 1, unknown.status);
        assertTrue(unknown.output, unknown.output.contains("no region 'region9': there is region0"));

        Result list = client("ndctl:list -Du");
        assertEquals(list.output, 0, list.status);
        assertTrue(list.output, list.output.startsWith("{\n  \"dev\":\"nmem0\","));
        assertTrue(list.output, list.output.contains("\"phys_id\":\"0\""));
    }

    // ------------------------------------------------------------------ helpers

    private Result client(String command) throws Exception {
        ClientResult r = client("karaf", "karaf", command);
        return new Result(r.status(), r.output());
    }

    private record Result(int status, String output) {
    }
}
