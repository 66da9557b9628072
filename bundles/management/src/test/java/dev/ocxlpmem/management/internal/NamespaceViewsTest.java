package dev.ocxlpmem.management.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.management.MBeanInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.namespaces.standalone.NamespaceLifecycle;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** A region's createNamespace and a namespace's MBean over a real bus and lifecycle, in a real MBean server. */
class NamespaceViewsTest {
    private final RegisteredViews views = new RegisteredViews();
    private final MBeanServer server = views.server;
    private final List<NamespaceEvent> events = new ArrayList<>();
    private final OneDimmBus card = OneDimmBus.blank(131072, 74565);
    private Ndctl ndctl;

    @AfterEach
    void unregister() throws Exception {
        views.unregisterAll();
        card.close();
    }

    private ObjectName register(DescribedView view) {
        return views.register(view);
    }

    @Test
    void createInspectReconfigureDestroy() throws Exception {
        LabelStore store = ConfigDataLabels.store();
        ndctl = LibNdctl.over(card.core(), store, NamespaceLifecycle.attach(card.core(), store, LinuxBtt.driver(), events::add));
        ndctl.disableRegion("region0");
        ndctl.initLabels("nmem0", LabelVersion.V1_2, true);
        ndctl.enableRegion("region0");
        assertEquals(List.of(NamespaceEvent.Action.ADDED, NamespaceEvent.Action.REMOVED),
                events.stream().map(NamespaceEvent::action).toList(), "the label-less namespace, until init-labels");
        events.clear();
        RegionView regionView = new RegionView(ndctl, "region0");
        ObjectName region = register(regionView);
        String json = (String) server.invoke(region, "createNamespace", new Object[] {"fsdax", "128M", "db", "", ""},
                new String[] {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String",
                    "java.lang.String"});
        assertTrue(json.contains("\"dev\":\"namespace0.0\"") && json.contains("\"size\":130023424"), json);
        NamespaceView view = new NamespaceView(ndctl, "namespace0.0");
        ObjectName ns = register(view);
        assertEquals(ObjectNames.namespace("namespace0.0"), ns.toString());
        assertArrayEquals(new ObjectName[] {ns}, (ObjectName[]) server.getAttribute(region, "Namespaces"));
        assertEquals("fsdax", server.getAttribute(ns, "Mode"));
        assertEquals("dev", server.getAttribute(ns, "Map"));
        assertEquals(130023424L, server.getAttribute(ns, "Size"));
        assertEquals("db", server.getAttribute(ns, "Name"));
        assertEquals(2097152L, server.getAttribute(ns, "Align"));
        assertEquals(4194304L, server.getAttribute(ns, "DataOffset"));
        assertEquals("enabled", server.getAttribute(ns, "State"));
        assertEquals("pmem0", server.getAttribute(ns, "Blockdev"));
        assertEquals("", server.getAttribute(ns, "Chardev"));
        assertEquals(ndctl.namespace("0.0").labelUuid().toString(), server.getAttribute(ns, "RawUuid"));
        assertEquals(ndctl.namespace("0.0").listing().uuid().toString(), server.getAttribute(ns, "Uuid"));
        assertEquals(region, server.getAttribute(ns, "Region"));

        MBeanInfo info = server.getMBeanInfo(ns);
        assertTrue(info.getDescription().startsWith("A namespace (ndctl list -Nv)"), info.getDescription());
        assertTrue(Arrays.stream(info.getAttributes()).allMatch(a -> !a.getDescription().startsWith("Attribute exposed")),
                "every attribute described");

        List<Notification> atNamespace = new ArrayList<>();
        server.addNotificationListener(ns, (n, h) -> atNamespace.add(n), null, null);
        RuntimeMBeanException refused = assertThrows(RuntimeMBeanException.class,
                () -> server.invoke(ns, "destroy", new Object[] {false}, new String[] {"boolean"}));
        assertTrue(refused.getCause() instanceof IllegalArgumentException);
        assertEquals("namespace0.0 is active, specify --force for re-configuration", refused.getCause().getMessage());
        server.invoke(ns, "disable", new Object[0], new String[0]);
        assertEquals("raw", server.getAttribute(ns, "Mode"));
        String block = (String) server.invoke(ns, "readInfoblock", new Object[0], new String[0]);
        assertTrue(block.contains("\"signature\":\"NVDIMM_PFN_INFO\""), block);
        String check = (String) server.invoke(ns, "check", new Object[] {false}, new String[] {"boolean"});
        assertTrue(check.startsWith("NVDIMM_PFN_INFO (fsdax) valid"), check);
        server.invoke(ns, "enable", new Object[0], new String[0]);
        String devdax = (String) server.invoke(ns, "reconfigure", new Object[] {"devdax", "", "", "", true},
                new String[] {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String", "boolean"});
        assertTrue(devdax.contains("\"mode\":\"devdax\"") && devdax.contains("\"name\":\"db\""), devdax);
        assertEquals("dax0.0", server.getAttribute(ns, "Chardev"));
        String sector = (String) server.invoke(ns, "reconfigure", new Object[] {"sector", "", "", "", true},
                new String[] {"java.lang.String", "java.lang.String", "java.lang.String", "java.lang.String", "boolean"});
        assertTrue(sector.contains("\"mode\":\"sector\"") && sector.contains("\"sector_size\":4096"), sector);
        assertEquals("pmem0s", server.getAttribute(ns, "Blockdev"));
        String repaired = (String) server.invoke(ns, "repair", new Object[] {true}, new String[] {"boolean"});
        assertTrue(repaired.startsWith("BTT 2.0, 1 arena"), repaired);
        // what NvdimmMBeans does with the EventAdmin events
        for (NamespaceEvent e : events) {
            view.notify(e);
        }
        assertEquals(List.of("dev.ocxlpmem.namespace.created", "dev.ocxlpmem.namespace.disabled",
                "dev.ocxlpmem.namespace.enabled", "dev.ocxlpmem.namespace.reconfigured", "dev.ocxlpmem.namespace.reconfigured",
                "dev.ocxlpmem.namespace.disabled", "dev.ocxlpmem.namespace.enabled"),
                atNamespace.stream().map(Notification::getType).toList());
        assertEquals("namespace0.0 (region0): RECONFIGURED", atNamespace.get(3).getMessage());
        server.invoke(ns, "destroy", new Object[] {true}, new String[] {"boolean"});
        assertEquals(0, ((ObjectName[]) server.getAttribute(region, "Namespaces")).length);
        assertEquals(1L << 30, server.getAttribute(region, "AvailableSize"));
    }
}
