package dev.ocxlpmem.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.MediaError;
import dev.ocxlpmem.scm.Registers;

/** Poisoned media is reported in data-loss entries that name it: when injected with notify, and at every power-on. */
class MediaErrorReportTest {
    @TempDir
    Path dir;

    private static List<ErrorLogEntry> drain(TestCard card) {
        List<ErrorLogEntry> entries = new ArrayList<>();
        for (ErrorLogEntry e = card.controller.errorLog.poll(); e != null; e = card.controller.errorLog.poll()) {
            entries.add(e);
        }
        return entries;
    }

    @Test
    void injectedPoisonIsLoggedWithItsRangeUnlessTheFirmwareIsToldNotTo() throws Exception {
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            card.faults.poison(new MediaRange(1 << 20, 4096));
            assertTrue(ChiBit.ELA.isSet(card.mmio.read64(Registers.CHI)));
            List<ErrorLogEntry> logged = drain(card);
            assertEquals(1, logged.size());
            assertEquals(ErrorLogType.DATA_LOSS, logged.get(0).type());
            assertEquals(new MediaError(1 << 20, 4096), logged.get(0).mediaError().orElseThrow());
            assertEquals("media error injected", logged.get(0).additionalText());

            card.faults.poison(new MediaRange(2 << 20, 512), false);
            assertEquals(List.of(), drain(card), "--no-notify: the firmware keeps quiet");
            assertEquals(2, card.faults.poisoned().size());
        }
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            List<MediaError> reported = drain(card).stream().map(e -> e.mediaError().orElseThrow()).toList();
            assertEquals(List.of(new MediaError(1 << 20, 4096), new MediaError(2 << 20, 512)), reported,
                    "the next power-on reports all the poison the card holds");
        }
    }
}
