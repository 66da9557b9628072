package dev.ocxlpmem.nvdimm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.nvdimm.NvdimmEvent.Action;
import dev.ocxlpmem.nvdimm.NvdimmEvent.Kind;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** Names, lifecycle events, region drivers and what a region owns. */
class CoreTest {
    private static final long COOKIE = 0xc0ffee;

    @Test
    void namesDevicesAsLinuxDoesAndReusesFreedNumbers() throws Exception {
        NvdimmCore core = LibNvdimm.core();
        CommandHandler none = new CommandHandler() {
            @Override
            public <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException {
                throw new CommandException("none");
            }
        };
        BusRegistration a = core.register(new BusDescriptor("a", Set.of()), none);
        BusRegistration b = core.register(new BusDescriptor("b", Set.of()), none);
        Dimm first = a.createDimm(new DimmDescriptor("a-1", Set.of(), Set.of(), List.of())).dimm();
        Dimm second = b.createDimm(new DimmDescriptor("b-1", Set.of(), Set.of(), List.of())).dimm();
        assertEquals(List.of("ndbus0", "ndbus1"), core.buses().stream().map(Bus::dev).toList());
        assertEquals(List.of("nmem0", "nmem1"), List.of(first.dev(), second.dev()));
        a.unregister();
        a.unregister(); // idempotent
        BusRegistration c = core.register(new BusDescriptor("c", Set.of()), none);
        assertEquals("ndbus0", c.bus().dev());
        assertEquals("nmem0", c.createDimm(new DimmDescriptor("c-1", Set.of(), Set.of(), List.of())).dimm().dev());
        assertEquals(second, core.dimm("nmem1").orElseThrow());
        NvdimmException twice = assertThrows(NvdimmException.class,
                () -> c.createDimm(new DimmDescriptor("b-1", Set.of(), Set.of(), List.of())));
        assertEquals("ndbus0: a DIMM with id b-1 is registered already (nmem1 on ndbus1): two devices claim the "
                + "same identity", twice.getMessage());
        core.shutdown();
        assertTrue(core.buses().isEmpty());
    }

    @Test
    void lifecycleEventsComeOnceEachInOrder() throws Exception {
        List<NvdimmEvent> events;
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            t.region().disable();
            t.region().disable(); // no second event
            t.region().enable();
            t.dimmRegistration().setEnabled(false);
            t.dimmRegistration().setEnabled(true);
            t.registration().unregister();
            events = t.events();
        }
        assertEquals(List.of(
                new NvdimmEvent(Kind.BUS, Action.ADDED, "ndbus0", "ndbus0"),
                new NvdimmEvent(Kind.DIMM, Action.ADDED, "nmem0", "ndbus0"),
                new NvdimmEvent(Kind.REGION, Action.ADDED, "region0", "ndbus0"),
                new NvdimmEvent(Kind.REGION, Action.ENABLED, "region0", "ndbus0"),
                new NvdimmEvent(Kind.REGION, Action.DISABLED, "region0", "ndbus0"),
                new NvdimmEvent(Kind.REGION, Action.ENABLED, "region0", "ndbus0"),
                new NvdimmEvent(Kind.DIMM, Action.DISABLED, "nmem0", "ndbus0"),
                new NvdimmEvent(Kind.DIMM, Action.ENABLED, "nmem0", "ndbus0"),
                new NvdimmEvent(Kind.REGION, Action.DISABLED, "region0", "ndbus0"),
                new NvdimmEvent(Kind.REGION, Action.REMOVED, "region0", "ndbus0"),
                new NvdimmEvent(Kind.DIMM, Action.REMOVED, "nmem0", "ndbus0"),
                new NvdimmEvent(Kind.BUS, Action.REMOVED, "ndbus0", "ndbus0")), events);
        NvdimmEvent e = events.get(4);
        assertEquals("dev/ocxlpmem/nvdimm/Region/DISABLED", e.topic());
        assertEquals(e, NvdimmEvent.of(e.topic(), e.properties()).orElseThrow());
        assertTrue(NvdimmEvent.of("org/osgi/framework/BundleEvent/STARTED", e.properties()).isEmpty());
    }

    @Test
    void aRegionHandsItsMemoryToItsDriverOnlyWhileEnabled() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            EnabledRegion enabled = t.enabledRegion();
            Mapping memory = enabled.memory();
            assertEquals(t.region().size(), memory.size());
            memory.putLong(4096, 0x1234);
            assertEquals(0x1234, memory.getLong(4096));
            t.region().disable();
            assertThrows(IllegalStateException.class, t::enabledRegion);
            assertThrows(IllegalStateException.class, () -> enabled.allocated(List.of()));
        }
    }

    @Test
    void aRegionOwnsItsFreeSpace() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            Region r = t.region();
            assertEquals(16L << 20, r.align());
            assertEquals(PersistenceDomain.UNKNOWN, r.persistenceDomain());
            assertEquals(r.size(), r.availableSize());
            assertEquals(r.size(), r.maxAvailableExtent());
            long mib = 1 << 20;
            t.enabledRegion().allocated(List.of(new RegionExtent(64 * mib, 128 * mib), new RegionExtent(0, 32 * mib)));
            assertEquals(r.size() - 160 * mib, r.availableSize());
            assertEquals(r.size() - 192 * mib, r.maxAvailableExtent());
            assertThrows(IllegalArgumentException.class, () -> t.enabledRegion().allocated(
                    List.of(new RegionExtent(0, 32 * mib), new RegionExtent(16 * mib, 32 * mib))));
            assertThrows(IllegalArgumentException.class, () -> t.enabledRegion().allocated(
                    List.of(new RegionExtent(r.size() - mib, 2 * mib))));
            assertEquals(r.size() - 160 * mib, r.availableSize(), "a refused allocation changes nothing");
            // one extent at a time, as a namespace is created and destroyed
            t.enabledRegion().allocate(new RegionExtent(32 * mib, 32 * mib));
            assertEquals(r.size() - 192 * mib, r.availableSize());
            assertThrows(IllegalArgumentException.class, () -> t.enabledRegion().allocate(
                    new RegionExtent(160 * mib, 64 * mib)));
            assertThrows(IllegalArgumentException.class, () -> t.enabledRegion().allocate(
                    new RegionExtent(r.size() - mib, 2 * mib)));
            assertThrows(IllegalArgumentException.class, () -> t.enabledRegion().release(
                    new RegionExtent(32 * mib, 16 * mib)));
            t.enabledRegion().release(new RegionExtent(64 * mib, 128 * mib));
            assertEquals(r.size() - 64 * mib, r.availableSize());
            assertEquals(r.size() - 64 * mib, r.maxAvailableExtent());
            t.enabledRegion().allocate(new RegionExtent(64 * mib, 128 * mib));
            t.enabledRegion().release(new RegionExtent(32 * mib, 32 * mib));
            r.disable();
            assertEquals(r.size() - 160 * mib, r.availableSize(), "kept while disabled");
        }
    }

    @Test
    void aDriverThatRefusesKeepsTheRegionDisabledAndOneThatComesLaterIsAttached() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            List<String> calls = new ArrayList<>();
            RegionDriver picky = new RegionDriver() {
                @Override
                public void attach(EnabledRegion region) throws NvdimmException {
                    calls.add("attach " + region.region().dev());
                    if (calls.size() > 1) {
                        throw new NvdimmException("the labels do not verify");
                    }
                }

                @Override
                public void detach(EnabledRegion region) {
                    calls.add("detach " + region.region().dev());
                }
            };
            t.core().addRegionDriver(picky); // region0 is enabled: attached now
            assertEquals(List.of("attach region0"), calls);
            t.region().disable();
            NvdimmException e = assertThrows(NvdimmException.class, t.region()::enable);
            assertEquals("region0 stays disabled: the labels do not verify", e.getMessage());
            assertFalse(t.region().isEnabled());
            assertThrows(IllegalStateException.class, t::enabledRegion, "the other driver was detached again");
            t.core().removeRegionDriver(picky);
            t.region().enable();
            assertTrue(t.region().isEnabled());
            assertEquals(List.of("attach region0", "detach region0", "attach region0"), calls);
        }
    }

    @Test
    void aRegionItsDriverRefusesStaysRegisteredAndDisabledWhenCreatedOrWhenTheDriverComesLater() throws Exception {
        RegionDriver refusing = new RegionDriver() {
            @Override
            public void attach(EnabledRegion region) throws NvdimmException {
                throw new NvdimmException("the labels are damaged");
            }

            @Override
            public void detach(EnabledRegion region) {
            }
        };
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            t.core().addRegionDriver(refusing);
            assertFalse(t.region().isEnabled(), "not enabled without a driver that judged its labels");
            assertThrows(IllegalStateException.class, t::enabledRegion, "every driver detached");
            assertEquals(new NvdimmEvent(Kind.REGION, Action.DISABLED, "region0", "ndbus0"),
                    t.events().get(t.events().size() - 1));
            // the card registers again (a restart) with the driver there: its region is created disabled
            BusRegistration again = t.core().register(new BusDescriptor("again", Set.of()), t.card());
            Dimm dimm = again.createDimm(new DimmDescriptor("again-1", Set.of(DimmFlag.LABELING),
                    OneDimmBus.CONFIG_COMMANDS, List.of())).dimm();
            Path file = Files.createTempFile("ocxlpmem-core-test", ".img");
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.setLength(1L << 24);
            }
            try (Mapping memory = MmapMemory.provider().map(file, 0, 1L << 24)) {
                Region region = again.createRegion(new RegionDescriptor(0, memory,
                        List.of(new RegionMapping(dimm, 0, 1L << 24, 0)), new InterleaveSet(COOKIE, COOKIE),
                        RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));
                assertFalse(region.isEnabled());
                NvdimmException e = assertThrows(NvdimmException.class, region::enable);
                assertEquals(region.dev() + " stays disabled: the labels are damaged", e.getMessage());
                again.unregister();
            } finally {
                Files.delete(file);
            }
        }
    }

    @Test
    void afterUnregisterEveryCommandFailsCleanly() throws Exception {
        OneDimmBus t = OneDimmBus.blank(16384, COOKIE);
        Dimm dimm = t.dimm();
        Mapping memory = t.enabledRegion().memory();
        t.close();
        CommandException gone = assertThrows(CommandException.class, () -> dimm.readConfig(0, 16));
        assertEquals("ndbus0 is no longer registered: its device went away", gone.getMessage());
        assertThrows(NvdimmException.class, t.region()::enable);
        assertThrows(MappingClosedException.class, () -> memory.getLong(0));
        assertFalse(t.bus().isRegistered());
        assertTrue(t.bus().regions().isEmpty() && t.bus().dimms().isEmpty());
    }

    @Test
    void aRegionMustMatchItsMappings() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            Region r = t.region();
            NvdimmException e = assertThrows(NvdimmException.class, () -> t.registration().createRegion(
                    new RegionDescriptor(0, t.enabledRegion().memory(), List.of(new RegionMapping(t.dimm(), 0,
                            r.size() / 2, 0)), new InterleaveSet(1, 1), RegionDescriptor.DEFAULT_ALIGN,
                            PersistenceDomain.UNKNOWN, -1)));
            assertEquals("ndbus0: mappings cover 536870912 bytes but the region is 1073741824", e.getMessage());
            assertEquals(1, t.bus().regions().size(), "nothing created");
            t.registration().checkDimmCount(1);
            assertThrows(NvdimmException.class, () -> t.registration().checkDimmCount(2));
        }
    }
}
