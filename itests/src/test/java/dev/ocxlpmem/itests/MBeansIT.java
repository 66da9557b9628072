package dev.ocxlpmem.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.inject.Inject;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.MBeanServerConnection;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.MalformedObjectNameException;
import javax.management.NotificationListener;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
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
import org.osgi.framework.ServiceReference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The MBeans' lifetimes as JMX clients see them: a namespace's MBean is there the moment
 * {@code createNamespace} returns and gone the moment {@code destroy} returns, for several clients
 * at once; a forged namespace event neither removes a live namespace's MBean nor adds one for no
 * namespace; the DIMM's MBean stays through a firmware activation and a sanitize, as Linux keeps
 * the nmem device across both.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class MBeansIT extends OcxlpmemTestSupport {
    static final String[] CREATE = {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String",
        "java.lang.String"};
    static final int CLIENTS = 4;
    static final int CYCLES = 50;

    @Inject
    protected BundleContext bundleContext;

    private static ObjectName namespace(String dev) throws MalformedObjectNameException {
        return ObjectName.getInstance("dev.ocxlpmem:type=Namespace,name=" + dev);
    }

    private static String dev(String createNamespaceJson) {
        return (String) Json.object(Json.parse(createNamespaceJson), "created").get("dev");
    }

    @Test
    public void a_aNamespacesMBeanIsThereWhenCreateReturnsAndGoneWhenDestroyReturns() throws Exception {
        executeCommand("ndctl:disable-region region0");
        executeCommand("ndctl:init-labels -f -V 1.2 nmem0");
        executeCommand("ndctl:enable-region region0");
        // one client alone: no one else reuses its namespaces' names, so both checks are exact
        assertEquals("", cycles(1, 2 * CYCLES));
        // several: a name may be another client's between our destroy and our look, so after a
        // destroy only an MBean that outlives its namespace for good counts
        assertEquals("", cycles(CLIENTS, CYCLES));
    }

    /** What went wrong in {@code cycles} create/destroy cycles of each of {@code clients} JMX clients; empty if nothing. */
    private String cycles(int clients, int cycles) throws Exception {
        AtomicInteger missing = new AtomicInteger();
        AtomicInteger lingering = new AtomicInteger();
        List<String> seen = new CopyOnWriteArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                runs.add(pool.submit(() -> {
                    try (JMXConnector connector = jmxConnect()) {
                        MBeanServerConnection mbs = connector.getMBeanServerConnection();
                        for (int i = 0; i < cycles; i++) {
                            String json = (String) mbs.invoke(NamespacesIT.REGION, "createNamespace",
                                    new Object[] {"raw", "16M", "", "", ""}, CREATE);
                            String dev = dev(json);
                            if (!mbs.isRegistered(namespace(dev))) {
                                missing.incrementAndGet();
                                seen.add(dev + " missing after create");
                                awaitCondition(() -> mbs.isRegistered(namespace(dev)), dev + "'s MBean");
                            }
                            mbs.invoke(namespace(dev), "destroy", new Object[] {true}, new String[] {"boolean"});
                            if (mbs.isRegistered(namespace(dev)) && (clients == 1 || outlives(mbs, dev))) {
                                lingering.incrementAndGet();
                                seen.add(dev + " still there after destroy");
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get(10, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println(clients + " JMX client(s), " + clients * cycles + " create/destroy cycles: MBean missing "
                + "after create " + missing + ", still there after destroy " + lingering);
        return String.join(", ", seen);
    }

    /** Whether the MBean of {@code dev} stays while no namespace {@code dev} is there, for as long as settling takes. */
    private static boolean outlives(MBeanServerConnection mbs, String dev) throws Exception {
        try {
            awaitCondition(() -> !mbs.isRegistered(namespace(dev)) || namespaceThere(mbs, dev),
                    dev + "'s MBean gone, or the namespace of another client");
            return false;
        } catch (AssertionError stale) {
            return true;
        }
    }

    private static boolean namespaceThere(MBeanServerConnection mbs, String dev) throws Exception {
        try {
            mbs.getAttribute(namespace(dev), "Uuid");
            return true;
        } catch (RuntimeMBeanException | InstanceNotFoundException noSuchNamespaceOrGoneMeanwhile) {
            return false;
        }
    }

    @Test
    public void b_aForgedNamespaceEventNeitherRemovesALiveMBeanNorAddsAPhantom() throws Exception {
        ServiceReference<EventAdmin> ref = bundleContext.getServiceReference(EventAdmin.class);
        EventAdmin events = bundleContext.getService(ref);
        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            String live = dev((String) mbs.invoke(NamespacesIT.REGION, "createNamespace",
                    new Object[] {"raw", "16M", "", "", ""}, CREATE));
            // sendEvent: the MBeans' handler has seen each event when it returns
            events.sendEvent(new Event("dev/ocxlpmem/namespaces/Namespace/DESTROYED",
                    Map.of("dev", live, "region", "region0")));
            events.sendEvent(new Event("dev/ocxlpmem/namespaces/Namespace/CREATED",
                    Map.of("dev", "namespace0.99", "region", "region0")));
            assertTrue(live + "'s MBean went with a forged event", mbs.isRegistered(namespace(live)));
            assertTrue("a forged event made an MBean for no namespace", !mbs.isRegistered(namespace("namespace0.99")));
            mbs.invoke(namespace(live), "destroy", new Object[] {true}, new String[] {"boolean"});
        } finally {
            bundleContext.ungetService(ref);
        }
    }

    @Test
    public void c_theDimmsMBeanStaysThroughAFirmwareActivationAndASanitize() throws Exception {
        // in the container, from the MBean server itself: its notifications come synchronously
        ServiceReference<MBeanServer> ref = bundleContext.getServiceReference(MBeanServer.class);
        MBeanServer server = bundleContext.getService(ref);
        List<String> unregistered = new CopyOnWriteArrayList<>();
        NotificationListener listener = (n, handback) -> {
            if (n instanceof MBeanServerNotification m
                    && m.getType().equals(MBeanServerNotification.UNREGISTRATION_NOTIFICATION)
                    && m.getMBeanName().getDomain().equals("dev.ocxlpmem")
                    && !"Namespace".equals(m.getMBeanName().getKeyProperty("type"))) {
                unregistered.add(m.getMBeanName().toString());
            }
        };
        server.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener, null, null);
        try (JMXConnector connector = jmxConnect()) {
            MBeanServerConnection mbs = connector.getMBeanServerConnection();
            String image = new File(System.getProperty("karaf.data"), "ocxlpmem/files/fw-4.0.0.img").getAbsolutePath();
            executeCommand("ocxl:firmware-image -V 4.0.0 -o " + image);
            mbs.invoke(ControllerIT.DIMM, "updateFirmware", new Object[] {Files.readAllBytes(Path.of(image)), true},
                    new String[] {"[B", "boolean"});
            executeCommand("ndctl:disable-region region0");
            assertEquals("SUCCEEDED", mbs.invoke(ControllerIT.DIMM, "sanitize", new Object[0], new String[0]));
            executeCommand("ndctl:enable-region region0");
            CompositeData firmware = (CompositeData) mbs.getAttribute(ControllerIT.DIMM, "Firmware");
            assertEquals("4.0.0", firmware.get("currentVersion"));
        } finally {
            server.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, listener);
            bundleContext.ungetService(ref);
        }
        assertEquals("devices' MBeans unregistered meanwhile", List.of(), unregistered);
    }
}
