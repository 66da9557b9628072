package dev.ocxlpmem.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.emulator.Card;
import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.FatalState;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.emulator.standalone.Cards;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.HealthState;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.OcxlRequest;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.OverwriteState;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * The probed card through the bus, as consumers reach it: family 6 with the card's function mask,
 * answers read with the scm codec, controller events with the DIMM's name, reported media errors
 * as the region's bad blocks, and each controller failure a precise refusal or fault after which
 * the card still answers.
 */
class DeviceTest {
    private static final long LPC = 8L << 20;
    private static final long LABEL_AREA = 128 * 1024;

    @TempDir
    Path dir;

    private final NvdimmCore nvdimm = LibNvdimm.core();
    private final BlockingQueue<ScmEvent> events = new LinkedBlockingQueue<>();

    private Card plug(ControllerSettings settings) throws Exception {
        return Cards.plug(MmapMemory.provider(), Cards.config("", LPC, 0xfeed, "0006:00:00"), settings, dir);
    }

    private OcxlPmemDevice probe(Card card, CommandTimeouts timeouts) throws ProbeException {
        OcxlFunction f1 = card.functions().get(1);
        return OcxlPmemDevice.probe(f1, nvdimm, LABEL_AREA, events::add, timeouts);
    }

    private static <R> R call(Dimm dimm, OcxlRequest<R> request) throws Exception {
        return request.decode(dimm.call(new DimmCommand.Call(CommandFamily.OCXL, request.function(), request.input())));
    }

    private ScmEvent next(ScmEvent.Kind kind) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            ScmEvent e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(e, "no " + kind + " event within 5 s");
            if (e.kind() == kind) {
                return e;
            }
        }
    }

    @Test
    void theDimmOffersWhatTheCardSupportsAndAnswersThroughTheBus() throws Exception {
        Card card = plug(ControllerSettings.DEFAULTS);
        OcxlPmemDevice device = probe(card, CommandTimeouts.documented());
        Dimm dimm = device.bus().dimms().get(0);
        FamilyFunctions functions = dimm.family(CommandFamily.OCXL).orElseThrow();
        assertEquals(OcxlCommand.values().length, functions.functions().size(), "the emulated card supports all");
        assertTrue(functions.queries().contains(OcxlCommand.HEALTH.number()));
        assertFalse(functions.queries().contains(OcxlCommand.OVERWRITE.number()));

        Health health = call(dimm, OcxlRequest.health());
        assertEquals(HealthState.OK, health.healthState());
        assertEquals("clean", health.shutdownState(), "a new card");
        assertEquals("1.0.0", call(dimm, OcxlRequest.firmwareStatus()).currentVersion());
        assertTrue(call(dimm, OcxlRequest.statistics()).hostStoreCount() >= 0);

        card.faults().smart(card.faults().smart().withSpares(5));
        ScmEvent changed = next(ScmEvent.Kind.HEALTH_CHANGED);
        assertEquals("nmem0", changed.dev());
        assertEquals("ndbus0", changed.bus());
        assertEquals("0006:00:00.1", changed.location());
        assertEquals(HealthState.CRITICAL, changed.health().orElseThrow().healthState());
        assertEquals(HealthState.CRITICAL, call(dimm, OcxlRequest.health()).healthState());
        device.remove();
    }

    @Test
    void reportedMediaErrorsAreTheRegionsBadBlocksUntilOverwritten() throws Exception {
        Card card = plug(ControllerSettings.DEFAULTS);
        card.faults().poison(new MediaRange(LABEL_AREA + 8192, 1000), false); // reported at the next power-on
        OcxlPmemDevice device = probe(card, CommandTimeouts.documented());
        Region region = device.bus().regions().get(0);
        assertEquals(List.of(new BadBlock(16, 2)), region.badBlocks(), "reported at probe, before the DIMM existed");
        assertEquals("", next(ScmEvent.Kind.ERROR_LOGGED).dev(), "an event from before the DIMM names none");

        card.faults().poison(new MediaRange(LABEL_AREA + (1 << 20), 4096));
        ScmEvent logged = next(ScmEvent.Kind.ERROR_LOGGED);
        assertEquals("nmem0", logged.dev());
        assertTrue(logged.entry().orElseThrow().mediaError().isPresent());
        assertEquals(List.of(new BadBlock(16, 2), new BadBlock(2048, 8)), region.badBlocks());

        region.disable();
        Dimm dimm = device.bus().dimms().get(0);
        call(dimm, OcxlRequest.overwrite());
        ScmEvent ended = next(ScmEvent.Kind.OVERWRITE_ENDED);
        assertEquals(OverwriteState.State.SUCCEEDED, ended.overwrite().orElseThrow().state());
        assertEquals(List.of(), region.badBlocks());
        assertEquals(List.of(), card.faults().poisoned());
        device.remove();
    }

    @Test
    void controllerFailuresAreRefusalsOrFaultsAndTheCardAnswersAfter() throws Exception {
        Card card = plug(ControllerSettings.DEFAULTS);
        // 100 ms for the statistics, whose timeout is tried; the rest has time to spare on a loaded machine
        OcxlPmemDevice device = probe(card, ScmCard.all(Duration.ofSeconds(5)).with(Opcode.CONTROLLER_STATS,
                Duration.ofMillis(100)));
        Dimm dimm = device.bus().dimms().get(0);
        CardFaults faults = card.faults();

        faults.wrongResponseIds(1);
        CommandException wrongId = assertThrows(CommandException.class, () -> call(dimm, OcxlRequest.heartbeat()));
        assertTrue(wrongId.isFault(), "a wrong id is the card's fault: " + wrongId.getMessage());
        assertTrue(wrongId.getMessage().startsWith("nmem0: "), wrongId.getMessage());
        call(dimm, OcxlRequest.heartbeat());

        faults.responseDelay(Duration.ofMillis(300));
        CommandException timeout = assertThrows(CommandException.class, () -> call(dimm, OcxlRequest.statistics()));
        assertTrue(timeout.isFault() && timeout.getMessage().contains("no response within 100 ms"),
                timeout.getMessage());
        faults.responseDelay(Duration.ZERO);
        call(dimm, OcxlRequest.health()); // waits out the late answer, skips it, and gets its own

        byte[] bad = Firmware.image("9.9.9", 4096);
        bad[bad.length - 1] ^= 1;
        sendImage(dimm, bad);
        CommandException refused = assertThrows(CommandException.class, () -> call(dimm, OcxlRequest.firmwareFinish()));
        assertFalse(refused.isFault(), "a bad image is the caller's: " + refused.getMessage());
        assertTrue(refused.getMessage().contains("0x52 (firmware image invalid)"), refused.getMessage());

        faults.blockFirmwareUpdate(true);
        CommandException blocked = assertThrows(CommandException.class,
                () -> sendImage(dimm, Firmware.image("2.0.0", 4096)));
        assertFalse(blocked.isFault());
        assertTrue(blocked.getMessage().contains("0x21 (firmware update blocked"), blocked.getMessage());
        faults.blockFirmwareUpdate(false);
        sendImage(dimm, Firmware.image("2.0.0", 4096));
        FirmwareState armed = call(dimm, OcxlRequest.firmwareFinish());
        assertEquals("armed", armed.state().activateState());
        assertEquals("2.0.0", armed.nextVersion());
        assertEquals("2.0.0", call(dimm, OcxlRequest.firmwareActivate()).currentVersion());

        faults.fatal(FatalState.HARDWARE);
        assertEquals("hardware", next(ScmEvent.Kind.FATAL).details().get(ScmEvent.STATE));
        assertEquals(HealthState.FATAL, call(dimm, OcxlRequest.health()).healthState());
        assertTrue(call(dimm, OcxlRequest.controllerDump()).length > 8, "a dump can still be read");
        faults.reset();
        assertEquals(HealthState.OK, call(dimm, OcxlRequest.health()).healthState());
        device.remove();
    }

    private static void sendImage(Dimm dimm, byte[] image) throws Exception {
        call(dimm, OcxlRequest.firmwareStart(image.length));
        for (int at = 0; at < image.length; at += 32768) {
            call(dimm, OcxlRequest.firmwareSend(at, java.util.Arrays.copyOfRange(image, at,
                    Math.min(image.length, at + 32768))));
        }
    }

    @Test
    void aProbeThatCannotStartTheControllerNamesTheStepAndTheRegisters() throws Exception {
        Card card = plug(ControllerSettings.DEFAULTS.withReadiness(CardFaults.NEVER, 1));
        long started = System.nanoTime();
        ProbeException e = assertThrows(ProbeException.class, () -> probe(card, CommandTimeouts.documented()));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(5), "CCAP0's 1 s, not more");
        assertTrue(e.getMessage().contains("'start controller'"), e.getMessage());
        assertTrue(e.getMessage().contains("'wait for controller ready (CHI.CRDY)'"), e.getMessage());
        assertTrue(e.getMessage().contains("CHI=0x0 []"), e.getMessage());
        assertTrue(nvdimm.buses().isEmpty());

        card.faults().readinessDelay(Duration.ZERO);
        OcxlPmemDevice device = probe(card, CommandTimeouts.documented());
        assertEquals("ndbus0", device.bus().dev());
        device.remove();

        Card noMemory = plug(ControllerSettings.DEFAULTS.withMemoryAvailable(CardFaults.NEVER, 1));
        ProbeException ma = assertThrows(ProbeException.class, () -> probe(noMemory, CommandTimeouts.documented()));
        assertTrue(ma.getMessage().contains("'wait for memory available (CHI.MA)': CHI.MA not set within the 1 s "
                + "memory-available timeout of CCAP0 (CHI=0x10 [CRDY]"), ma.getMessage());
        assertTrue(nvdimm.buses().isEmpty());
    }

    @Test
    void removeShutsTheControllerDownSoTheNextProbeFindsACleanShutdown() throws Exception {
        Card card = plug(ControllerSettings.DEFAULTS);
        probe(card, CommandTimeouts.documented()).remove();
        Card again = plug(ControllerSettings.DEFAULTS); // the next power-on of the same image
        OcxlPmemDevice device = probe(again, CommandTimeouts.documented());
        Health health = call(device.bus().dimms().get(0), OcxlRequest.health());
        assertEquals("clean", health.shutdownState());
        assertEquals(0, health.shutdownCount());
        device.remove();
    }

    @Test
    void anUnbindDuringTheWaitForTheControllerEndsTheProbe() throws Exception {
        Card card = plug(ControllerSettings.DEFAULTS.withReadiness(CardFaults.NEVER, 15));
        OcxlPmemDriver driver = new OcxlPmemDriver(null, nvdimm, dev.ocxlpmem.testing.ComponentConfig.of(
                dev.ocxlpmem.driver.DriverConfig.class, java.util.Map.of("labelAreaSize", LABEL_AREA)));
        driver.bindFunction(card.functions().get(1));
        Thread.sleep(200);
        long started = System.nanoTime();
        driver.unbindFunction(card.functions().get(1));
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(3), "not the 15 s readiness timeout");
        assertTrue(nvdimm.buses().isEmpty());
        driver.deactivate();
        card.functions().get(1).open().close(); // released
    }
}
