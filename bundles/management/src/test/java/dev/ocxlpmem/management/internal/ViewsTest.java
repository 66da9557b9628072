package dev.ocxlpmem.management.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.internal.NvdimmCore;

/** The views, registered in a real MBean server, expose only open types. */
class ViewsTest {
    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new java.util.ArrayList<>();

    @AfterEach
    void unregister() throws Exception {
        for (ObjectName name : registered) {
            server.unregisterMBean(name);
        }
    }

    private ObjectName register(Object view, String name) throws Exception {
        ObjectName objectName = new ObjectName(name);
        server.registerMBean(view, objectName);
        registered.add(objectName);
        return objectName;
    }

    @Test
    void busDimmAndRegionReadAsOpenTypes() throws Exception {
        CommandHandler sizeOnly = new CommandHandler() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException {
                return (R) new ConfigSize(16 << 20, 65536);
            }
        };
        Bus bus = new NvdimmCore().registerBus(new BusDescriptor("ocxlpmem", sizeOnly, Set.of()));
        Dimm dimm = bus.createDimm(new DimmDescriptor("1014-00000000000c0ffe", Set.of(DimmFlag.LABELING),
                EnumSet.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA), -1));
        Region region = bus.createPmemRegion(new RegionDescriptor(16 << 20, 1L << 30,
                List.of(new RegionMapping(dimm, 0, 1L << 30, 0)), new InterleaveSet(0xc0ffe, 0xc0ffe), -1));

        ObjectName busName = register(new BusView(bus), ObjectNames.bus(bus.dev()));
        ObjectName dimmName = register(new DimmView(dimm), ObjectNames.dimm(dimm.dev()));
        ObjectName regionName = register(new RegionView(region), ObjectNames.region(region.dev()));

        assertEquals("ocxlpmem", server.getAttribute(busName, "Provider"));
        assertArrayEquals(new String[] {"nmem0"}, (String[]) server.getAttribute(busName, "Dimms"));
        assertArrayEquals(new String[] {"ND_CMD_GET_CONFIG_SIZE", "ND_CMD_GET_CONFIG_DATA"},
                (String[]) server.getAttribute(dimmName, "Commands"));
        assertEquals(16L << 20, server.getAttribute(dimmName, "LabelAreaSize"));
        assertEquals(1L << 30, server.getAttribute(regionName, "Size"));
        assertEquals(true, server.getAttribute(regionName, "Enabled"));
        assertEquals(0xc0ffeL, server.getAttribute(regionName, "IsetId"));
        CompositeData[] mappings = (CompositeData[]) server.getAttribute(regionName, "Mappings");
        assertEquals("nmem0", mappings[0].get("dimm"));
        assertEquals(1L << 30, mappings[0].get("length"));
        assertTrue(server.getMBeanInfo(regionName).getDescriptor().getFieldValue("mxbean").equals("true"));
    }
}
