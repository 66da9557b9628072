package dev.ocxlpmem.nvdimm.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;

class NvdimmCoreTest {
    private static final Set<NdCommand> CONFIG =
            EnumSet.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA, NdCommand.SET_CONFIG_DATA);

    private final NvdimmCore core = new NvdimmCore();
    private final ArrayLabelProvider provider = new ArrayLabelProvider(10_000, 4096);

    private Dimm dimmOnNewBus(Set<NdCommand> commands) {
        Bus bus = core.registerBus(new BusDescriptor("test", provider, Set.of(CommandFamily.OCXL)));
        return bus.createDimm(new DimmDescriptor("t-1", Set.of(DimmFlag.LABELING), commands, CommandFamily.OCXL));
    }

    @Test
    void namesDevicesAsLinuxDoesAndReusesFreedNumbers() throws Exception {
        Dimm first = dimmOnNewBus(CONFIG);
        Dimm second = dimmOnNewBus(CONFIG);
        assertEquals(List.of("ndbus0", "ndbus1"), core.buses().stream().map(Bus::dev).toList());
        assertEquals("nmem0", first.dev());
        assertEquals("nmem1", second.dev());
        first.bus().unregister();
        Dimm third = dimmOnNewBus(CONFIG);
        assertEquals("ndbus0", third.bus().dev());
        assertEquals("nmem0", third.dev());
        assertEquals(second, core.dimm("nmem1").orElseThrow());
    }

    @Test
    void refusesCommandsOutsideTheDimmsMask() {
        Dimm dimm = dimmOnNewBus(EnumSet.of(NdCommand.GET_CONFIG_SIZE));
        CommandException e = assertThrows(CommandException.class,
                () -> dimm.call(new DimmCommand.GetConfigData(0, 16)));
        assertTrue(e.getMessage().contains("does not support ND_CMD_GET_CONFIG_DATA (5)"), e.getMessage());
        assertTrue(provider.seen.stream().noneMatch(c -> c instanceof DimmCommand.GetConfigData));
    }

    @Test
    void refusesFamiliesOutsideTheBusMask() {
        Dimm dimm = dimmOnNewBus(EnumSet.of(NdCommand.CALL));
        CommandException e = assertThrows(CommandException.class,
                () -> dimm.call(new DimmCommand.Call(CommandFamily.PAPR, 1, new byte[0])));
        assertTrue(e.getMessage().contains("family"), e.getMessage());
        assertArrayEquals(new byte[] {7}, assertDoesNotThrowCall(dimm));
    }

    private static byte[] assertDoesNotThrowCall(Dimm dimm) {
        try {
            return dimm.call(new DimmCommand.Call(CommandFamily.OCXL, 1, new byte[] {7}));
        } catch (NvdimmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void splitsConfigTransfersByMaxXfer() throws Exception {
        Dimm dimm = dimmOnNewBus(CONFIG);
        byte[] data = new byte[9000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31);
        }
        dimm.writeConfig(500, data);
        assertArrayEquals(data, dimm.readConfig(500, data.length));
        long writes = provider.seen.stream().filter(c -> c instanceof DimmCommand.SetConfigData).count();
        assertEquals(3, writes);
        assertTrue(provider.seen.stream()
                .filter(c -> c instanceof DimmCommand.SetConfigData)
                .allMatch(c -> ((DimmCommand.SetConfigData) c).data().length <= 4096));
    }

    @Test
    void refusesConfigRangesPastTheAreaIncludingOverflow() {
        Dimm dimm = dimmOnNewBus(CONFIG);
        byte[] before = provider.area.clone();
        assertThrows(CommandException.class, () -> dimm.writeConfig(9_999, new byte[2]));
        assertThrows(CommandException.class, () -> dimm.writeConfig(-1, new byte[1]));
        assertThrows(CommandException.class, () -> dimm.writeConfig(Long.MAX_VALUE, new byte[1]));
        assertThrows(CommandException.class, () -> dimm.readConfig(Long.MAX_VALUE - 1, 16));
        assertThrows(CommandException.class, () -> dimm.readConfig(0, -1));
        assertArrayEquals(before, provider.area);
    }

    @Test
    void regionsMustMatchTheirMappingsAndGoFirstOnUnregister() throws Exception {
        Dimm dimm = dimmOnNewBus(CONFIG);
        Bus bus = dimm.bus();
        bus.checkDimmCount(1);
        assertThrows(NvdimmException.class, () -> bus.checkDimmCount(2));
        assertThrows(NvdimmException.class, () -> bus.createPmemRegion(new RegionDescriptor(
                0, 1 << 20, List.of(new RegionMapping(dimm, 0, 1 << 19, 0)), new InterleaveSet(1, 1), -1)));
        Region region = bus.createPmemRegion(new RegionDescriptor(
                0, 1 << 20, List.of(new RegionMapping(dimm, 0, 1 << 20, 0)), new InterleaveSet(1, 1), -1));
        assertEquals("region0", region.dev());
        assertTrue(region.isEnabled());
        region.disable();
        assertFalse(region.isEnabled());
        bus.unregister();
        assertTrue(bus.regions().isEmpty());
        assertTrue(bus.dimms().isEmpty());
        assertTrue(core.region("region0").isEmpty());
        CommandException gone = assertThrows(CommandException.class, dimm::configSize);
        assertTrue(gone.getMessage().contains("no longer registered"), gone.getMessage());
        bus.unregister();
    }
}
