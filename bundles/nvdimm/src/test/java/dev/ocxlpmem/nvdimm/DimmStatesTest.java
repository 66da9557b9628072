package dev.ocxlpmem.nvdimm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.nvdimm.NvdimmEvent.Action;
import dev.ocxlpmem.nvdimm.NvdimmEvent.Kind;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** A DIMM's enable and disable (ndctl enable-dimm, disable-dimm) and its overwrite mark, against its region. */
class DimmStatesTest {
    private static final long COOKIE = 0xc0ffee;

    @Test
    void aDimmUnderAnEnabledRegionIsNotDisabledAndADisabledOneKeepsItsRegionDisabled() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            NvdimmException active = assertThrows(NvdimmException.class, () -> t.dimm().disable());
            assertEquals("nmem0 is active, skipping...: region0 is enabled on it (ndctl:disable-region region0)",
                    active.getMessage());
            assertTrue(t.dimm().isEnabled());
            assertFalse(active.isFault());

            t.region().disable();
            t.dimm().disable();
            t.dimm().disable(); // no second event
            assertFalse(t.dimm().isEnabled());
            NvdimmException refused = assertThrows(NvdimmException.class, () -> t.region().enable());
            assertEquals("region0 stays disabled: nmem0 is disabled, and the region needs its labels "
                    + "(ndctl:enable-dimm nmem0)", refused.getMessage());
            assertFalse(t.region().isEnabled());

            t.dimm().enable();
            t.region().enable();
            assertTrue(t.region().isEnabled());
            assertEquals(List.of(new NvdimmEvent(Kind.DIMM, Action.DISABLED, "nmem0", "ndbus0"),
                    new NvdimmEvent(Kind.DIMM, Action.ENABLED, "nmem0", "ndbus0")),
                    t.events().stream().filter(e -> e.kind() == Kind.DIMM && e.action() != Action.ADDED).toList());
        }
    }

    @Test
    void enableAsksTheProviderWhichMayKeepTheDimmDisabled() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE).disabled()) {
            boolean[] healthy = {false};
            t.dimmRegistration().setReadOnly(true);
            t.dimmRegistration().setEnabled(false);
            t.dimmRegistration().setEnableCheck(() -> {
                if (!healthy[0]) {
                    throw new NvdimmException("nmem0 stays disabled: its controller is in a fatal state");
                }
                t.dimmRegistration().setReadOnly(false);
            });
            assertEquals("nmem0 stays disabled: its controller is in a fatal state",
                    assertThrows(NvdimmException.class, () -> t.dimm().enable()).getMessage());
            assertFalse(t.dimm().isEnabled());
            assertTrue(t.dimm().isReadOnly());

            healthy[0] = true;
            t.dimm().enable();
            assertTrue(t.dimm().isEnabled());
            assertFalse(t.dimm().isReadOnly());
            t.region().enable();
        }
    }

    @Test
    void aDimmInOverwriteKeepsItsRegionDisabledAndIsNotMarkedWhileTheRegionIsEnabled() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            CommandRefusedException busy = assertThrows(CommandRefusedException.class,
                    () -> t.dimmRegistration().setInOverwrite(true));
            assertEquals("nmem0: region0 is enabled: an overwrite would rewrite its media under its driver; disable it "
                    + "first (ndctl:disable-region region0)", busy.getMessage());
            assertFalse(t.dimm().inOverwrite());

            t.region().disable();
            t.dimmRegistration().setInOverwrite(true);
            assertTrue(t.dimm().inOverwrite());
            NvdimmException refused = assertThrows(NvdimmException.class, () -> t.region().enable());
            assertTrue(refused.getMessage().startsWith("region0 stays disabled: nmem0 is in overwrite: one runs on it, "
                    + "or one did not complete"), refused.getMessage());
            assertFalse(t.region().isEnabled());

            t.dimmRegistration().setInOverwrite(false);
            t.region().enable();
            assertTrue(t.region().isEnabled());
        }
    }

    @Test
    void aRegionCreatedOverADimmInOverwriteIsRegisteredDisabled() throws Exception {
        NvdimmCore core = LibNvdimm.core();
        InMemoryDimm card = InMemoryDimm.blank(16384);
        BusRegistration bus = core.register(new BusDescriptor("test", Set.of()), card);
        DimmRegistration dimm = bus.createDimm(new DimmDescriptor("t-1", Set.of(DimmFlag.LABELING),
                OneDimmBus.CONFIG_COMMANDS, List.of()));
        dimm.setInOverwrite(true);
        Path file = Files.createTempFile("ocxlpmem-test-region", ".img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(1 << 24);
        }
        try (Mapping memory = MmapMemory.provider().map(file, 0, 1 << 24)) {
            Region region = bus.createRegion(new RegionDescriptor(0, memory,
                    List.of(new RegionMapping(dimm.dimm(), 0, 1 << 24, 0)), new InterleaveSet(COOKIE, COOKIE),
                    RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));
            assertEquals(List.of(region), bus.bus().regions());
            assertFalse(region.isEnabled());
            bus.unregister();
        } finally {
            Files.delete(file);
        }
    }
}
