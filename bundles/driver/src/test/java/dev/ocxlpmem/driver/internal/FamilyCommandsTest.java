package dev.ocxlpmem.driver.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ErrorLog;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.FirmwareBlock;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.FirmwareUpdateSend;
import dev.ocxlpmem.scm.FirmwareUpdateStart;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.HealthState;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.OverwriteState;
import dev.ocxlpmem.scm.SmartAttribute;
import dev.ocxlpmem.scm.SmartData;

/** ND_CMD_CALL family 6 as a consumer uses it: packages built and decoded with the scm codec. */
class FamilyCommandsTest {
    private static final byte[] NONE = new byte[0];

    @TempDir
    Path dir;

    private static byte[] call(FamilyCommands f, OcxlCommand command, byte[] input) throws ControllerCommandException {
        return f.call(command.number(), input);
    }

    @Test
    void everyFunctionAnswersInItsPackageFormat() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            FamilyCommands family = new FamilyCommands(card.controller);
            assertEquals(EnumSet.allOf(OcxlCommand.class), family.functions());

            assertArrayEquals(NONE, call(family, OcxlCommand.HEARTBEAT, NONE));
            SmartData smart = SmartData.fromPackage(call(family, OcxlCommand.SMART, NONE));
            assertEquals(0, smart.require(SmartAttribute.DIRTY_SHUTDOWN_COUNT, "count").raw());
            Health health = Health.fromPackage(call(family, OcxlCommand.HEALTH, NONE));
            assertEquals(HealthState.OK, health.healthState());
            assertEquals(35.0, health.temperatureCelsius());
            ControllerStats stats = ControllerStats.fromDataBuffer(call(family, OcxlCommand.CONTROLLER_STATS, NONE));
            assertEquals(100, stats.lifeRemainingPercent());

            card.faults.logError(ErrorLogType.PREDICTIVE_FAILURE, Set.of(), "media wearing out");
            card.events.next(RecordingListener.ErrorLogged.class);
            ErrorLog log = ErrorLog.fromPackage(call(family, OcxlCommand.ERROR_LOG, NONE));
            assertEquals(1, log.entries().size());
            assertEquals("media wearing out", log.entries().get(0).additionalText());

            byte[] dump = call(family, OcxlCommand.CONTROLLER_DUMP, NONE);
            assertTrue(new String(dump, 8, 40, java.nio.charset.StandardCharsets.UTF_8).startsWith("ocxl-scm"));

            byte[] image = Firmware.image("4.2.0", 70_000);
            call(family, OcxlCommand.FIRMWARE_UPDATE_START, new FirmwareUpdateStart(image.length).toPackage());
            for (int at = 0; at < image.length; at += FirmwareBlock.MAX_SIZE) {
                byte[] block = Arrays.copyOfRange(image, at, Math.min(image.length, at + FirmwareBlock.MAX_SIZE));
                call(family, OcxlCommand.FIRMWARE_UPDATE_SEND, new FirmwareUpdateSend(at, block).toPackage());
                FirmwareState progress = FirmwareState.fromPackage(call(family, OcxlCommand.FIRMWARE_UPDATE_STATUS,
                        NONE));
                assertEquals(at + block.length, progress.bytesReceived());
                assertEquals(image.length, progress.imageSize());
            }
            FirmwareState active = FirmwareState.fromPackage(call(family, OcxlCommand.FIRMWARE_UPDATE_ACTIVATE, NONE));
            assertEquals("4.2.0", active.currentVersion());
            assertTrue(active.canUpdate());

            assertArrayEquals(NONE, call(family, OcxlCommand.OVERWRITE, NONE));
            OverwriteState state;
            long deadline = System.nanoTime() + 10_000_000_000L;
            do {
                state = OverwriteState.fromPackage(call(family, OcxlCommand.OVERWRITE_STATUS, NONE));
                assertTrue(System.nanoTime() < deadline, "overwrite never ended: " + state);
                Thread.sleep(5);
            } while (state.state() == OverwriteState.State.BUSY);
            assertEquals(OverwriteState.State.SUCCEEDED, state.state());
        }
    }

    @Test
    void badCallsAreRefusedBeforeTheCardSeesThem() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            FamilyCommands family = new FamilyCommands(card.controller);
            ControllerCommandException unknown = assertThrows(ControllerCommandException.class,
                    () -> family.call(18, NONE));
            assertEquals(Reason.INPUT, unknown.reason());
            assertEquals("ND_CMD_CALL family 6 has no function 18 (1..17)", unknown.getMessage());
            ControllerCommandException input = assertThrows(ControllerCommandException.class,
                    () -> call(family, OcxlCommand.HEARTBEAT, new byte[8]));
            assertEquals("ND_CMD_OCXL_HEARTBEAT (9): ND_CMD_OCXL_HEARTBEAT takes no input; 8 bytes were given",
                    input.getMessage());
            ControllerCommandException malformed = assertThrows(ControllerCommandException.class,
                    () -> call(family, OcxlCommand.FIRMWARE_UPDATE_SEND, new byte[12]));
            assertEquals(Reason.INPUT, malformed.reason());
            assertTrue(malformed.getMessage().contains("announces 0 bytes and holds 4"), malformed.getMessage());
            ControllerCommandException start = assertThrows(ControllerCommandException.class,
                    () -> call(family, OcxlCommand.FIRMWARE_UPDATE_START, new byte[] {1, 0, 0, 0, 0, 0, 0, 0}));
            assertTrue(start.getMessage().contains("firmware image of 1 bytes"), start.getMessage());
            assertArrayEquals(NONE, call(family, OcxlCommand.HEARTBEAT, NONE));
        }
    }
}
