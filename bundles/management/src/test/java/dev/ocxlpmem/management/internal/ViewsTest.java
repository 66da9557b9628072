package dev.ocxlpmem.management.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.management.MBeanInfo;
import javax.management.MBeanOperationInfo;
import javax.management.MBeanServer;
import javax.management.Notification;
import javax.management.ObjectName;
import javax.management.RuntimeMBeanException;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** The views, registered in a real MBean server over a real bus: open types, operations, notifications. */
class ViewsTest {
    private final RegisteredViews views = new RegisteredViews();
    private final MBeanServer server = views.server;
    private final OneDimmBus card = OneDimmBus.blank(16 << 20, 74565);
    private final Ndctl ndctl = LibNdctl.over(card.core(), ConfigDataLabels.store());
    private final RegionView region = new RegionView(ndctl, "region0");
    private final DimmView dimm = new DimmView(ndctl, "nmem0");
    private final ObjectName regionName = register(region);
    private final ObjectName dimmName = register(dimm);
    private final ObjectName busName = register(new BusView(ndctl, "ndbus0"));
    private final NvdimmView core = new NvdimmView(ndctl);
    private final ObjectName coreName = register(core);

    @AfterEach
    void unregister() throws Exception {
        views.unregisterAll();
        card.close();
    }

    private ObjectName register(DescribedView view) {
        return views.register(view);
    }

    @Test
    void attributesReadAsOpenTypesWithObjectNames() throws Exception {
        assertEquals("test", server.getAttribute(busName, "Provider"));
        assertArrayEquals(new ObjectName[] {dimmName}, (ObjectName[]) server.getAttribute(busName, "Dimms"));
        assertArrayEquals(new ObjectName[] {regionName}, (ObjectName[]) server.getAttribute(coreName, "Regions"));
        assertEquals(busName, server.getAttribute(dimmName, "Bus"));
        assertArrayEquals(new String[] {"ND_CMD_GET_CONFIG_SIZE", "ND_CMD_GET_CONFIG_DATA", "ND_CMD_SET_CONFIG_DATA"},
                (String[]) server.getAttribute(dimmName, "Commands"));
        assertEquals(16L << 20, server.getAttribute(dimmName, "LabelAreaSize"));
        assertEquals("enabled", server.getAttribute(dimmName, "State"));
        assertArrayEquals(new String[] {"LABELING"}, (String[]) server.getAttribute(dimmName, "Flags"));
        assertEquals("BLANK", server.getAttribute(dimmName, "LabelState"));
        assertEquals(1L << 30, server.getAttribute(regionName, "Size"));
        assertEquals(1L << 30, server.getAttribute(regionName, "AvailableSize"));
        assertEquals(16L << 20, server.getAttribute(regionName, "Align"));
        assertEquals("unknown", server.getAttribute(regionName, "PersistenceDomain"));
        assertEquals("enabled", server.getAttribute(regionName, "State"));
        assertEquals("BLANK", server.getAttribute(regionName, "LabelState"));
        assertEquals(74565L, server.getAttribute(regionName, "IsetId"));
        CompositeData[] mappings = (CompositeData[]) server.getAttribute(regionName, "Mappings");
        assertEquals("nmem0", mappings[0].get("dimm"));
        assertEquals(1L << 30, mappings[0].get("length"));
        assertEquals("true", server.getMBeanInfo(regionName).getDescriptor().getFieldValue("mxbean"));
    }

    @Test
    void operationsAreTheConsolesCalls() throws Exception {
        RuntimeMBeanException busy = assertThrows(RuntimeMBeanException.class, () -> server.invoke(dimmName,
                "initLabels", new Object[] {"1.2", false}, new String[] {"java.lang.String", "boolean"}));
        assertTrue(busy.getCause() instanceof IllegalArgumentException, "a refusal, as a JDK type");
        assertTrue(busy.getCause().getMessage().contains("region0 is enabled"), busy.getCause().getMessage());
        assertEquals(null, busy.getCause().getCause(), "nothing a JMX client cannot deserialise");

        server.invoke(regionName, "disableRegion", new Object[0], new String[0]);
        assertEquals("disabled", server.getAttribute(regionName, "State"));
        server.invoke(dimmName, "initLabels", new Object[] {"1.2", false}, new String[] {"java.lang.String", "boolean"});
        assertEquals("VALID", server.getAttribute(dimmName, "LabelState"));
        CompositeData[] clean = (CompositeData[]) server.invoke(dimmName, "checkLabels", new Object[0], new String[0]);
        assertEquals(0, clean.length);
        String json = (String) server.invoke(dimmName, "readLabels", new Object[0], new String[0]);
        assertTrue(json.startsWith("[\n  {\n    \"dev\":\"nmem0\",\n    \"index\":["), json);
        assertTrue(json.contains("\"nslot\":65470"), json);

        server.invoke(dimmName, "zeroLabels", new Object[0], new String[0]);
        CompositeData[] problems = (CompositeData[]) server.invoke(dimmName, "checkLabels", new Object[0],
                new String[0]);
        assertTrue(problems.length >= 2, "both index blocks are blank");
        assertEquals("ERROR", problems[0].get("severity"));
        assertEquals("index block 0", problems[0].get("where"));
        assertEquals("sig", problems[0].get("field"));
        server.invoke(regionName, "enableRegion", new Object[0], new String[0]);
        assertEquals("enabled", server.getAttribute(regionName, "State"));
    }

    @Test
    void jconsoleReadsWhatEachAttributeOperationAndParameterIs() throws Exception {
        MBeanInfo info = server.getMBeanInfo(dimmName);
        assertTrue(info.getDescription().startsWith("A DIMM (ndctl list -D)"), info.getDescription());
        assertTrue(Arrays.stream(info.getAttributes()).allMatch(a -> !a.getDescription().startsWith("Attribute exposed")),
                "every attribute described");
        MBeanOperationInfo init = Arrays.stream(info.getOperations()).filter(o -> o.getName().equals("initLabels"))
                .findFirst().orElseThrow();
        assertTrue(init.getDescription().startsWith("ndctl init-labels"), init.getDescription());
        assertEquals("version", init.getSignature()[0].getName());
        assertEquals("force", init.getSignature()[1].getName());
        assertTrue(init.getSignature()[0].getDescription().contains("1.1 or 1.2"));
        assertEquals(5, server.getMBeanInfo(coreName).getNotifications().length,
                "buses, DIMMs, regions, namespaces and the controllers'");
    }

    @Test
    void lifecycleEventsBecomeNotifications() throws Exception {
        List<Notification> atCore = new ArrayList<>();
        List<Notification> atRegion = new ArrayList<>();
        server.addNotificationListener(coreName, (n, h) -> atCore.add(n), null, null);
        server.addNotificationListener(regionName, (n, h) -> atRegion.add(n), null, null);
        card.region().disable();
        NvdimmEvent disabled = card.events().get(card.events().size() - 1);
        // what NvdimmMBeans does with the EventAdmin event
        core.notify(disabled);
        region.notify(disabled);
        assertEquals(1, atCore.size());
        assertEquals("dev.ocxlpmem.region.disabled", atCore.get(0).getType());
        assertEquals("region0 (ndbus0): Region DISABLED", atCore.get(0).getMessage());
        assertEquals(regionName, atRegion.get(0).getSource());
        assertEquals("region0", atRegion.get(0).getUserData());
    }
}
