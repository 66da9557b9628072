package dev.ocxlpmem.nvdimm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Bus.call as the one guarded gate: every refusal, the path it leaves open to an enabled region's
 * driver, the cached label-area size, and transfers without copies. Tests of the nvdimm bundle
 * live here, beside the shared one-DIMM bus they use, because that bus depends on the bundle.
 */
class GateTest {
    private static final long COOKIE = 0xc0ffee;
    private static final Set<NdCommand> WITH_CALL = EnumSet.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA,
            NdCommand.SET_CONFIG_DATA, NdCommand.CALL);

    /** A bus passing family 6 to a DIMM that speaks it with functions 1-3, of which 1 and 2 are queries. */
    private static OneDimmBus withFamilies(InMemoryDimm card) {
        return new OneDimmBus(card, new BusDescriptor("test", Set.of(CommandFamily.OCXL)),
                new DimmDescriptor("t-1", Set.of(DimmFlag.LABELING), WITH_CALL,
                        List.of(new FamilyFunctions(CommandFamily.OCXL, Set.of(1, 2, 3), Set.of(1, 2)))),
                COOKIE, 1L << 24);
    }

    /**
     * Runs a command the gate must refuse; the card must never see it. (Only the first query of the
     * label area's size, which a transfer makes to check its range, may reach the card.)
     */
    private static String refused(InMemoryDimm card, Executable command) {
        int before = sentToCard(card);
        CommandRefusedException e = assertThrows(CommandRefusedException.class, command);
        assertEquals(before, sentToCard(card), "a refused command reached the card: " + e.getMessage());
        return e.getMessage();
    }

    private static int sentToCard(InMemoryDimm card) {
        return EnumSet.complementOf(EnumSet.of(NdCommand.GET_CONFIG_SIZE)).stream().mapToInt(card::count).sum();
    }

    @Test
    void refusesCommandsOutsideTheDimmsMaskAndSaysWhatIsSupported() throws Exception {
        InMemoryDimm card = InMemoryDimm.blank(16384);
        try (OneDimmBus t = new OneDimmBus(card, new BusDescriptor("test", Set.of()),
                new DimmDescriptor("t-1", Set.of(), EnumSet.of(NdCommand.GET_CONFIG_SIZE), List.of()), COOKIE, 1 << 24)) {
            String m = refused(card, () -> t.dimm().call(new DimmCommand.GetConfigData(0, 16)));
            assertEquals("nmem0 does not support ND_CMD_GET_CONFIG_DATA (5); it supports ND_CMD_GET_CONFIG_SIZE (4)", m);
            refused(card, () -> t.dimm().call(new DimmCommand.Call(CommandFamily.OCXL, 1, new byte[0])));
        }
    }

    @Test
    void callNeedsTheBusFamilyTheDimmFamilyAndTheFunction() throws Exception {
        InMemoryDimm card = InMemoryDimm.blank(16384);
        try (OneDimmBus t = withFamilies(card)) {
            assertEquals("ndbus0 does not pass command family 5 (NVDIMM_FAMILY_PAPR) to its DIMMs; it passes "
                    + "6 (NVDIMM_FAMILY_OCXL)",
                    refused(card, () -> t.dimm().call(new DimmCommand.Call(CommandFamily.PAPR, 1, new byte[0]))));
            assertEquals("nmem0 does not offer function 9 of command family 6 (NVDIMM_FAMILY_OCXL); it offers 1, 2, 3",
                    refused(card, () -> t.dimm().call(new DimmCommand.Call(CommandFamily.OCXL, 9, new byte[0]))));
            assertArrayEquals(new byte[] {7}, t.dimm().call(new DimmCommand.Call(CommandFamily.OCXL, 3, new byte[] {7})));
            assertEquals(1, card.count(NdCommand.CALL));
        }
        // A bus that passes the family, to a DIMM that does not speak it.
        InMemoryDimm other = InMemoryDimm.blank(16384);
        try (OneDimmBus t = new OneDimmBus(other, new BusDescriptor("test", Set.of(CommandFamily.OCXL)),
                new DimmDescriptor("t-2", Set.of(), WITH_CALL, List.of()), COOKIE, 1 << 24)) {
            assertEquals("nmem0 does not speak command family 6 (NVDIMM_FAMILY_OCXL); it speaks none",
                    refused(other, () -> t.dimm().call(new DimmCommand.Call(CommandFamily.OCXL, 1, new byte[0]))));
        }
    }

    @Test
    void aReadOnlyDimmOrRegionRefusesWhatChangesItAndAnswersTheRest() throws Exception {
        InMemoryDimm card = InMemoryDimm.blank(16384);
        try (OneDimmBus t = withFamilies(card).disabled()) {
            t.dimmRegistration().setReadOnly(true);
            assertTrue(t.dimm().isReadOnly());
            String m = refused(card, () -> t.dimm().writeConfig(0, new byte[8]));
            assertEquals("nmem0 is read-only: ND_CMD_SET_CONFIG_DATA refused; commands that only read it are "
                    + "still answered", m);
            refused(card, () -> t.dimm().call(new DimmCommand.Call(CommandFamily.OCXL, 3, new byte[0])));
            t.dimm().call(new DimmCommand.Call(CommandFamily.OCXL, 1, new byte[0]));
            t.dimm().readConfig(0, 16);
            t.dimmRegistration().setReadOnly(false);
            t.dimm().writeConfig(0, new byte[8]);

            t.region().setReadOnly(true);
            assertEquals("region0 is read-only: ND_CMD_SET_CONFIG_DATA to nmem0 refused; make region0 writable first",
                    refused(card, () -> t.dimm().writeConfig(0, new byte[8])));
            t.region().setReadOnly(false);
            t.dimm().writeConfig(0, new byte[8]);
        }
    }

    @Test
    void anEnabledRegionsDriverOwnsTheLabels() throws Exception {
        InMemoryDimm card = InMemoryDimm.blank(16384);
        try (OneDimmBus t = new OneDimmBus(card, COOKIE)) {
            byte[] before = card.snapshot();
            String m = refused(card, () -> t.dimm().writeConfig(0, new byte[] {1, 2, 3}));
            assertEquals("nmem0: regions active, abort label write: region0 is enabled and owns the labels; disable "
                    + "it first (ndctl:disable-region region0)", m);
            assertArrayEquals(before, card.snapshot());
            t.dimm().readConfig(0, 64); // reads are always allowed

            Dimm owner = t.labelOwner();
            owner.writeConfig(0, new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, t.dimm().readConfig(0, 3));
            assertEquals(t.dimm().id(), owner.id(), "both views name the same DIMM");

            t.region().disable();
            t.dimm().writeConfig(0, new byte[] {4});
            assertTrue(refused(card, () -> owner.writeConfig(0, new byte[] {5}))
                    .contains("region0 was disabled, and its driver no longer owns the labels"));
            t.region().enable();
            refused(card, () -> t.dimm().writeConfig(0, new byte[] {6}));
            assertArrayEquals(new byte[] {4, 2, 3}, t.dimm().readConfig(0, 3));
        }
    }

    @Test
    void theLabelAreaSizeIsAskedOnce() throws Exception {
        InMemoryDimm card = InMemoryDimm.blank(1 << 20);
        try (OneDimmBus t = new OneDimmBus(card, COOKIE).disabled()) {
            for (int i = 0; i < 5; i++) {
                assertEquals(new ConfigSize(1 << 20, 65536), t.dimm().configSize());
                t.dimm().readConfig(0, 200_000);
                t.dimm().writeConfig(4096, new byte[70_000]);
            }
            t.region().enable();
            assertEquals(new ConfigSize(1 << 20, 65536), t.labelOwner().configSize());
            assertEquals(1, card.count(NdCommand.GET_CONFIG_SIZE));
            assertEquals(5 * 4, card.count(NdCommand.GET_CONFIG_DATA), "200,000 bytes in 64 KiB transfers, 5 times");
            assertEquals(5 * 2, card.count(NdCommand.SET_CONFIG_DATA));
        }
    }

    @Test
    void transfersAreSplitByMaxXferAndRangesCheckedWholeIncludingOverflow() throws Exception {
        InMemoryDimm card = InMemoryDimm.inArray(new byte[10_000], 4096);
        try (OneDimmBus t = new OneDimmBus(card, COOKIE).disabled()) {
            byte[] data = new byte[9000];
            for (int i = 0; i < data.length; i++) {
                data[i] = (byte) (i * 31);
            }
            t.dimm().writeConfig(500, data);
            assertArrayEquals(data, t.dimm().readConfig(500, data.length));
            assertEquals(3, card.count(NdCommand.SET_CONFIG_DATA));
            byte[] before = card.snapshot();
            for (Executable bad : List.<Executable>of(() -> t.dimm().writeConfig(9_999, new byte[2]),
                    () -> t.dimm().writeConfig(-1, new byte[1]), () -> t.dimm().writeConfig(Long.MAX_VALUE, new byte[1]),
                    () -> t.dimm().readConfig(Long.MAX_VALUE - 1, 16), () -> t.dimm().readConfig(0, -1))) {
                CommandException e = assertThrows(CommandException.class, bad);
                assertTrue(e.getMessage().contains("outside the 10000-byte label area"), e.getMessage());
            }
            assertArrayEquals(before, card.snapshot());
        }
    }

    @Test
    void aWholeAreaWriteSendsTheCallersBytesWithoutCopyingThem() throws Exception {
        int size = 16 << 20;
        // A card that takes the bytes without copying them either, so only the bus's allocations count.
        CommandHandler sink = new CommandHandler() {
            @Override
            @SuppressWarnings("unchecked")
            public <R> R execute(Dimm dimm, DimmCommand<R> command) {
                if (command instanceof DimmCommand.GetConfigSize) {
                    return (R) new ConfigSize(size, 65536);
                }
                return null;
            }
        };
        NvdimmCore core = LibNvdimm.core();
        BusRegistration bus = core.register(new BusDescriptor("sink", Set.of()), sink);
        Dimm dimm = bus.createDimm(new DimmDescriptor("sink-1", Set.of(), OneDimmBus.CONFIG_COMMANDS, List.of())).dimm();
        byte[] area = new byte[size];
        dimm.writeConfig(0, area); // warm up
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        dimm.writeConfig(0, area);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(allocated < size / 16, "a 16 MiB write allocated " + allocated + " bytes on the heap");
        core.shutdown();
    }

    @Test
    void noClientFacingTypeHandsOutAProviderHandle() {
        for (Class<?> type : List.of(Nvdimm.class, Bus.class, Dimm.class, Region.class)) {
            for (Method m : type.getMethods()) {
                Class<?> r = m.getReturnType();
                assertTrue(r != CommandHandler.class && r != BusRegistration.class && r != DimmRegistration.class
                        && r != BusDescriptor.class && r != EnabledRegion.class && r != BusRegistry.class,
                        type.getSimpleName() + "." + m.getName() + " returns " + r.getSimpleName());
            }
        }
        try (OneDimmBus t = OneDimmBus.blank(16384, COOKIE)) {
            assertTrue(!(t.bus() instanceof BusRegistration) && !(t.dimm() instanceof DimmRegistration)
                    && !(t.region() instanceof EnabledRegion), "a client's object is also a provider's handle");
        }
    }
}
