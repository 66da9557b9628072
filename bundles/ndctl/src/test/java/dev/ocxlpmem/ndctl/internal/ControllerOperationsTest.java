package dev.ocxlpmem.ndctl.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.DimmEvent;
import dev.ocxlpmem.ndctl.DimmEventType;
import dev.ocxlpmem.ndctl.Monitor;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.scm.OverwriteState;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;
import dev.ocxlpmem.testing.card.OneCard;

/** The controller operations on an emulated card probed by the real driver, through the bus. */
class ControllerOperationsTest {
    /** Label backups go to a fresh temporary directory: these tests rewrite no labels. */
    private static java.nio.file.Path backups() {
        try {
            return java.nio.file.Files.createTempDirectory("ocxlpmem-labels");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private final OneCard card = OneCard.plug();
    private final NdctlService ndctl = new NdctlService(card.core(), ConfigDataLabels.store(), backups(), null);

    {
        // EventAdmin's part, outside OSGi: the driver's events reach the service
        card.onEvent(ndctl::controllerEvent);
    }

    @AfterEach
    void unplug() {
        card.close();
    }

    static byte[] image(String version) {
        return new FirmwareImage(new FirmwareVersion(version), new byte[70_000]).toBytes();
    }

    @Test
    void healthIsTheCardsAndADimmWithoutTheFamilyHasNone() throws Exception {
        DimmHealth health = ndctl.health("nmem0").orElseThrow();
        assertEquals(DimmHealth.State.OK, health.healthState());
        assertEquals(35.0, health.temperatureCelsius());
        card.faults().smart(card.faults().smart().withMediaTemperature(90));
        assertEquals(DimmHealth.State.NON_CRITICAL, ndctl.health("nmem0").orElseThrow().healthState());
        try (OneDimmBus plain = OneDimmBus.blank(16384, 1)) {
            assertEquals(Optional.empty(), new NdctlService(plain.core(), ConfigDataLabels.store(), backups(), null).health("nmem0"));
        }
    }

    @Test
    void firmwareIsSentInBlocksArmedAndActivated() throws Exception {
        List<Long> sent = new ArrayList<>();
        FirmwareState armed = ndctl.updateFirmware("nmem0", image("2.0.0"), false, (done, total) -> sent.add(done));
        assertEquals(List.of(0L, 32768L, 65536L, (long) image("2.0.0").length), sent);
        assertEquals("2.0.0", armed.nextVersion());
        assertEquals("armed", armed.state().activateState());
        assertEquals("1.0.0", ndctl.firmware("nmem0").orElseThrow().currentVersion());
        FirmwareState active = ndctl.updateFirmware("nmem0", image("2.1.0"), true, (d, t) -> { });
        assertEquals("2.1.0", active.currentVersion());
        assertEquals("", active.nextVersion());
    }

    @Test
    void aBadImageOrABlockedUpdateIsRefusedWithTheCardsReason() throws Exception {
        byte[] bad = image("6.6.6");
        bad[FirmwareImage.HEADER + 5] ^= 0x40;
        NvdimmException invalid = assertThrows(NvdimmException.class,
                () -> ndctl.updateFirmware("nmem0", bad, true, (d, t) -> { }));
        assertTrue(invalid.getMessage().contains("firmware image invalid"), invalid.getMessage());
        assertFalse(invalid.isFault());
        card.faults().blockFirmwareUpdate(true);
        NvdimmException blocked = assertThrows(NvdimmException.class,
                () -> ndctl.updateFirmware("nmem0", image("2.0.0"), true, (d, t) -> { }));
        assertTrue(blocked.getMessage().contains("firmware update blocked"), blocked.getMessage());
        NvdimmException odd = assertThrows(NvdimmException.class,
                () -> ndctl.updateFirmware("nmem0", new byte[13], true, (d, t) -> { }));
        assertTrue(odd.getMessage().contains("a multiple of 8") && odd.getMessage().endsWith("nothing was sent"),
                odd.getMessage());
        assertEquals("1.0.0", ndctl.firmware("nmem0").orElseThrow().currentVersion());
    }

    @Test
    void sanitizeNeedsTheRegionDisabledAndOverwritesEverything() throws Exception {
        NvdimmException enabled = assertThrows(NvdimmException.class, () -> ndctl.sanitize("nmem0", (d, t) -> { }));
        assertEquals("nmem0: region0 is enabled: an overwrite destroys its data and labels; disable it first "
                + "(ndctl:disable-region region0)", enabled.getMessage());
        ndctl.disableRegion("region0");
        ndctl.initLabels("nmem0", LabelVersion.V1_2, false);
        List<Long> percent = new ArrayList<>();
        OverwriteState done = ndctl.sanitize("nmem0", (d, t) -> percent.add(d));
        assertEquals(OverwriteState.State.SUCCEEDED, done.state());
        assertEquals(100L, percent.get(percent.size() - 1));
        assertArrayEquals(new byte[(int) OneCard.LABEL_AREA], ndctl.readLabelArea("nmem0"), "the labels are gone too");
    }

    @Test
    void errorLogStatisticsAndBadBlocks() throws Exception {
        card.faults().logError(ErrorLogType.PREDICTIVE_FAILURE, Set.of(), "spares running low");
        card.faults().poison(new MediaRange(OneCard.LABEL_AREA + 4096, 512));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (ndctl.badBlocks("region0").isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(List.of(new BadBlock(8, 1)), ndctl.badBlocks("region0"));
        assertEquals(List.of(ErrorLogType.PREDICTIVE_FAILURE, ErrorLogType.DATA_LOSS),
                ndctl.errorLog("nmem0").stream().map(e -> e.type()).toList());
        assertEquals(100, ndctl.statistics("nmem0").lifeRemainingPercent());
        byte[] dump = ndctl.controllerDump("nmem0");
        assertTrue(new String(dump, 8, 20, java.nio.charset.StandardCharsets.US_ASCII).startsWith("ocxl-scm"));
    }

    @Test
    void theMonitorReportsAlarmsHealthChangesAndLogEntriesAsNdctlComputesThem() throws Exception {
        BlockingQueue<DimmEvent> seen = new LinkedBlockingQueue<>();
        try (Monitor monitor = ndctl.monitor(List.of("all"), EnumSet.allOf(DimmEventType.class), 0, seen::add)) {
            assertEquals(List.of("nmem0"), monitor.dimms());
            assertEquals(null, seen.poll(200, TimeUnit.MILLISECONDS), "a healthy card: nothing at start");
            card.faults().smart(card.faults().smart().withSpares(5));
            DimmEvent spares = seen.poll(5, TimeUnit.SECONDS);
            assertTrue(spares.fired().containsAll(Set.of(DimmEventType.SPARES_REMAINING, DimmEventType.HEALTH_STATE)),
                    spares.fired().toString());
            assertEquals(DimmHealth.State.CRITICAL, spares.health().orElseThrow().healthState());
            assertEquals("nmem0", spares.dimm().dev());
        }
        seen.clear(); // before the monitor starts: its first event may come before the next line
        try (Monitor spares = ndctl.monitor(List.of("nmem0"), Set.of(DimmEventType.SPARES_REMAINING), 0, seen::add)) {
            // started with the alarm tripped: reported at once, as ndctl's filter_dimm does
            assertEquals(Set.of(DimmEventType.SPARES_REMAINING), seen.poll(5, TimeUnit.SECONDS).fired());
        }
        NvdimmException none = assertThrows(NvdimmException.class,
                () -> ndctl.monitor(List.of("nmem7"), EnumSet.allOf(DimmEventType.class), 0, seen::add));
        assertEquals("no DIMM 'nmem7': there is nmem0", none.getMessage());
    }
}
