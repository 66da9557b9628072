package dev.ocxlpmem.driver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.driver.DriverConfig;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.EmulatedCardConfig;
import dev.ocxlpmem.emulator.standalone.Cards;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.EnabledRegion;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDriver;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.ocxl.OpenFunction;
import dev.ocxlpmem.testing.ComponentConfig;

class OcxlPmemDriverTest {
    private static final long LPC = 8L << 20;
    private static final long SERIAL = 0x1234_5678_9abcL;
    private static final long LABEL_AREA = 128 * 1024;

    @TempDir
    Path dir;

    private final NvdimmCore nvdimm = LibNvdimm.core();

    /** Functions 0 and 1 of an emulated card with {@code LPC} bytes of LPC memory in a real image file. */
    private List<OcxlFunction> card() throws IOException {
        return Cards.plug(MmapMemory.provider(), ComponentConfig.of(EmulatedCardConfig.class,
                Map.of("lpcMemorySize", LPC, "serial", SERIAL, "location", "0006:00:00")), ControllerSettings.DEFAULTS,
                dir).functions();
    }

    private Path image() throws IOException {
        try (var files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".img")).findFirst().orElseThrow();
        }
    }

    @Test
    void probeRegistersBusDimmAndRegionOverTheRestOfLpcMemory() throws Exception {
        List<OcxlFunction> card = card();
        OcxlPmemDriver driver = new OcxlPmemDriver(null, nvdimm, ComponentConfig.of(DriverConfig.class, Map.of("labelAreaSize", LABEL_AREA)));
        driver.bindFunction(card.get(0));
        driver.bindFunction(card.get(1));
        driver.awaitProbes(); // function 1 is probed on the driver's thread

        Bus bus = nvdimm.bus("ndbus0").orElseThrow();
        assertEquals("ocxlpmem", bus.provider());
        Dimm dimm = bus.dimms().get(0);
        assertEquals("nmem0", dimm.dev());
        assertEquals(Set.of(DimmFlag.LABELING), dimm.flags());
        assertEquals(EnumSet.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA, NdCommand.SET_CONFIG_DATA,
                NdCommand.CALL), dimm.commands());
        assertEquals(Set.of(CommandFamily.OCXL), bus.families());
        assertEquals(CommandFamily.OCXL, dimm.families().get(0).family());
        Region region = bus.regions().get(0);
        assertEquals(LPC - LABEL_AREA, region.size());
        assertEquals(LABEL_AREA, region.start());
        assertEquals(SERIAL, region.interleaveSet().cookie1());
        assertEquals(SERIAL, region.interleaveSet().cookie2());
        assertEquals(0, region.mappings().get(0).start());
        assertEquals(new ConfigSize(LABEL_AREA, 65536), dimm.configSize());

        driver.unbindFunction(card.get(1));
        driver.unbindFunction(card.get(0));
        assertTrue(nvdimm.buses().isEmpty());
        // Both functions were closed again: another driver may open them.
        for (OcxlFunction f : card) {
            try (OpenFunction open = f.open()) {
                assertEquals(f, open.function());
            }
        }
    }

    @Test
    void configWritesReachTheCardsImageAndReadBack() throws Exception {
        List<OcxlFunction> card = card();
        OcxlPmemDevice device = OcxlPmemDevice.probe(card.get(1), nvdimm, LABEL_AREA);
        Dimm dimm = device.bus().dimms().get(0);
        device.bus().regions().get(0).disable(); // label writes by hand need the region disabled
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i ^ (i >> 8));
        }
        dimm.writeConfig(LABEL_AREA - data.length, data);
        assertArrayEquals(data, dimm.readConfig(LABEL_AREA - data.length, data.length));
        device.remove();

        ByteBuffer onDisk = ByteBuffer.allocate(data.length);
        try (FileChannel file = FileChannel.open(image())) {
            file.read(onDisk, LABEL_AREA - data.length);
        }
        assertArrayEquals(data, onDisk.array());
    }

    @Test
    void configDataOutsideTheLabelAreaIsRefusedAndChangesNothing() throws Exception {
        List<OcxlFunction> card = card();
        OcxlPmemDevice device = OcxlPmemDevice.probe(card.get(1), nvdimm, LABEL_AREA);
        Dimm dimm = device.bus().dimms().get(0);
        device.bus().regions().get(0).disable();
        byte[] before = dimm.readConfig(0, (int) LABEL_AREA);
        List<DimmCommand<?>> bad = List.of(
                new DimmCommand.SetConfigData(LABEL_AREA - 8, new byte[16]),
                new DimmCommand.SetConfigData(Long.MAX_VALUE - 4, new byte[16]),
                new DimmCommand.SetConfigData(-16, new byte[16]),
                new DimmCommand.SetConfigData(0, new byte[65537]),
                new DimmCommand.GetConfigData(Long.MAX_VALUE, 1),
                new DimmCommand.GetConfigData(0, 65537));
        for (DimmCommand<?> command : bad) {
            CommandException e = assertThrows(CommandException.class, () -> dimm.call(command), command.toString());
            assertTrue(e.getMessage().startsWith("nmem0: "), e.getMessage());
        }
        CommandException unsupported = assertThrows(CommandException.class,
                () -> dimm.call(new DimmCommand.Call(CommandFamily.PAPR, 1, new byte[0])));
        assertTrue(unsupported.getMessage().contains("does not pass command family 5"), unsupported.getMessage());
        assertArrayEquals(before, dimm.readConfig(0, (int) LABEL_AREA));
        device.remove();
    }

    @Test
    void theRegionsDriverGetsTheLpcMemoryAfterTheLabelArea() throws Exception {
        List<EnabledRegion> attached = new ArrayList<>();
        nvdimm.addRegionDriver(new RegionDriver() {
            @Override
            public void attach(EnabledRegion region) {
                attached.add(region);
            }

            @Override
            public void detach(EnabledRegion region) {
                attached.remove(region);
            }
        });
        OcxlPmemDevice device = OcxlPmemDevice.probe(card().get(1), nvdimm, LABEL_AREA);
        assertEquals(1, attached.size(), "the region was enabled at creation, its driver attached");
        Mapping memory = attached.get(0).memory();
        assertEquals(LPC - LABEL_AREA, memory.size());
        memory.copyAndPersist(4096, "region byte 4096".getBytes(StandardCharsets.US_ASCII), 0, 16);
        device.remove();
        assertTrue(attached.isEmpty(), "detached when the card went");
        ByteBuffer onDisk = ByteBuffer.allocate(16);
        try (FileChannel file = FileChannel.open(image())) {
            file.read(onDisk, LABEL_AREA + 4096);
        }
        assertEquals("region byte 4096", new String(onDisk.array(), StandardCharsets.US_ASCII));
    }

    @Test
    void aFailedProbeNamesTheStepAndLeavesNothingBehind() throws Exception {
        List<OcxlFunction> card = card();
        ProbeException tooSmall = assertThrows(ProbeException.class,
                () -> OcxlPmemDevice.probe(card.get(1), nvdimm, LPC));
        assertTrue(tooSmall.getMessage().contains("'reserve label area'"), tooSmall.getMessage());
        assertTrue(nvdimm.buses().isEmpty());

        ProbeException noAfu = assertThrows(ProbeException.class,
                () -> OcxlPmemDevice.probe(card.get(0), nvdimm, LABEL_AREA));
        assertTrue(noAfu.getMessage().contains("'fetch AFU 0'"), noAfu.getMessage());

        try (OpenFunction held = card.get(1).open()) {
            ProbeException busy = assertThrows(ProbeException.class,
                    () -> OcxlPmemDevice.probe(card.get(1), nvdimm, LABEL_AREA));
            assertTrue(busy.getMessage().contains("'open function'"), busy.getMessage());
            assertEquals(card.get(1), held.function());
        }
        assertTrue(nvdimm.buses().isEmpty());

        // After all that, a good probe still works and gets the first names.
        OcxlPmemDevice device = OcxlPmemDevice.probe(card.get(1), nvdimm, LABEL_AREA);
        assertEquals("ndbus0", device.bus().dev());
        assertEquals("nmem0", device.bus().dimms().get(0).dev());
        device.remove();
    }

    @Test
    void removeWithCommandsInFlightEndsInCleanErrors() throws Exception {
        List<OcxlFunction> card = card();
        OcxlPmemDevice device = OcxlPmemDevice.probe(card.get(1), nvdimm, LABEL_AREA);
        Dimm dimm = device.bus().dimms().get(0);
        device.remove();
        CommandException e = assertThrows(CommandException.class, () -> dimm.readConfig(0, 16));
        assertTrue(e.getMessage().contains("no longer registered"), e.getMessage());
    }
}
