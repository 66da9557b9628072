package dev.ocxlpmem.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.CommandCaps;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.HealthState;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.PayloadHeader;
import dev.ocxlpmem.scm.Registers;
import dev.ocxlpmem.scm.SmartAttribute;
import dev.ocxlpmem.scm.SmartData;

/** Every admin command against the emulated card, through the driver's controller client. */
class ScmControllerTest {
    @TempDir
    Path dir;

    @Test
    void startedControllerAnswersEveryAdminCommand() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            ScmController c = card.controller;
            assertEquals("1.0", c.capabilities0().revision());
            assertEquals(60, c.capabilities0().memoryAvailableTimeoutSeconds());
            c.heartbeat();

            CommandCaps caps = c.commandCaps();
            assertEquals(EnumSet.allOf(Opcode.class), EnumSet.copyOf(caps.opcodes()));
            assertEquals(EnumSet.allOf(OcxlCommand.class), c.supportedFunctions());

            SmartData smart = c.smart();
            assertEquals(35 * 16, smart.require(SmartAttribute.TEMPERATURE, "t").raw());
            Health health = c.health();
            assertEquals(HealthState.OK, health.healthState());
            assertEquals(35.0, health.temperatureCelsius());
            assertEquals(45.0, health.controllerTemperatureCelsius());
            assertEquals(100, health.sparesPercentage());
            assertEquals(0, health.lifeUsedPercentage());
            assertEquals("clean", health.shutdownState());
            assertEquals(0, health.shutdownCount());

            try (Mapping lpc = card.afu.mapLpcMemory()) {
                lpc.putLong(0, 42);
                lpc.getLong(0);
                lpc.getLong(8);
            }
            ControllerStats stats = c.stats();
            assertEquals(2, stats.hostLoadCount());
            assertEquals(1, stats.hostStoreCount());
            assertEquals(1, stats.resetCount());

            assertEquals(Optional.empty(), c.readErrorLogEntry());
            assertEquals(List.of(), c.errorLog());

            GlobalMmio mmio = card.afu.mapGlobalMmio();
            assertEquals(mmio.read64(Registers.CCAP0), c.debugReadRegister(Registers.CCAP0));
            mmio.close();

            byte[] dump = c.controllerDump();
            PayloadHeader header = PayloadHeader.decode(java.nio.ByteBuffer.wrap(dump)
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
            assertEquals(PayloadHeader.CONTROLLER_DUMP, header.id());
            assertEquals(dump.length - 8, header.length());
            String text = new String(dump, 8, dump.length - 8, StandardCharsets.UTF_8);
            assertTrue(text.startsWith("ocxl-scm controller dump: card 0006:00:00"), text);
            assertTrue(text.contains("admin HEARTBEAT (0x00)") && text.contains("-> 0x00 (success)"), text);
            assertTrue(dump.length > 0x8000, "read in more than one data buffer: " + dump.length);
            assertEquals(null, card.events.poll(100), "a dump the host asked for is no event");
        }
    }

    @Test
    void badStatusesArePreciseAndTheControllerGoesOn() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            ScmController c = card.controller;
            ControllerCommandException badOpcode = assertThrows(ControllerCommandException.class,
                    () -> c.command(0x3F));
            assertEquals(Reason.STATUS, badOpcode.reason());
            assertEquals(0x50, badOpcode.status());
            assertTrue(badOpcode.getMessage().matches("ocxlpmem 0006:00:00.1: admin opcode 0x3f id 0x\\p{XDigit}{4} "
                    + "answered status 0x50 \\(bad opcode\\)"), badOpcode.getMessage());

            ControllerCommandException debug = assertThrows(ControllerCommandException.class,
                    () -> c.command(Opcode.FW_DEBUG.code(), 1L << 56, 0));
            assertEquals(0x70, debug.status(), "FW_DEBUG without HCI.FW_DEBUG");
            ControllerCommandException noDump = assertThrows(ControllerCommandException.class,
                    () -> c.command(Opcode.CONTROLLER_DUMP.code(), 8));
            assertEquals(0x51, noDump.status());
            assertTrue(noDump.getMessage().endsWith("0x51 (bad request parameter)"), noDump.getMessage());

            c.shutdown();
            ControllerCommandException memory = assertThrows(ControllerCommandException.class, c.overwrite()::start);
            assertEquals(0x20, memory.status(), "no memory after SHUTDOWN");
            assertTrue(memory.getMessage().contains("0x20 (persistent memory unavailable)"), memory.getMessage());
            c.heartbeat();
        }
    }

    @Test
    void firmwareIsSentCheckedArmedAndActiveAfterTheReset() throws Exception {
        byte[] image = Firmware.image("2.0.0", 100_000);
        try (ScmCard card = ScmCard.started(dir)) {
            ScmController c = card.controller;
            assertEquals("1.0.0", c.firmware().state().currentVersion());
            Firmware.send(c, image);
            assertEquals(image.length, c.firmware().state().bytesReceived());
            var state = c.firmware().activate();
            assertEquals("2.0.0", state.currentVersion());
            assertEquals("", state.nextVersion());
            assertEquals("idle", state.state().activateState());
            try (GlobalMmio mmio = card.afu.mapGlobalMmio()) {
                assertEquals("2.0.0", FirmwareVersion.decode(mmio.read64(Registers.FWVER)).text());
            }
            card.events.poll(50);
            c.heartbeat();
            card.faults.logError(dev.ocxlpmem.scm.ErrorLogType.GENERAL, java.util.Set.of(), "after activation");
            assertEquals("after activation", card.events.next(RecordingListener.ErrorLogged.class).entry()
                    .additionalText(), "interrupts still wired after the AFU reset");
        }
        try (ScmCard again = ScmCard.started(dir)) {
            assertEquals("2.0.0", again.controller.firmware().state().currentVersion(), "the new firmware stays");
        }
    }

    @Test
    void badFirmwareIsRefusedWithTheCardsReasonAndChangesNothing() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            ScmController c = card.controller;
            ControllerCommandException notStarted = assertThrows(ControllerCommandException.class,
                    () -> c.firmware().send(0, new byte[64]));
            assertEquals(Reason.INPUT, notStarted.reason());

            byte[] damaged = Firmware.image("3.0.0", 50_000);
            damaged[damaged.length - 1] ^= 1;
            Firmware.send(c, damaged);
            ControllerCommandException invalid = assertThrows(ControllerCommandException.class, c.firmware()::activate);
            assertEquals(0x52, invalid.status());
            assertTrue(invalid.getMessage().contains("0x52 (firmware image invalid)"), invalid.getMessage());
            assertEquals("1.0.0", c.firmware().state().currentVersion());
            assertEquals("idle", c.firmware().state().state().activateState());

            byte[] good = Firmware.image("3.0.0", 50_000);
            c.firmware().start(good.length);
            ControllerCommandException order = assertThrows(ControllerCommandException.class,
                    () -> c.firmware().send(32768, new byte[64]));
            assertTrue(order.getMessage().contains("the next block starts at 0"), order.getMessage());
            assertThrows(ControllerCommandException.class, c.firmware()::activate, "nothing sent yet");

            card.faults.blockFirmwareUpdate(true);
            ControllerCommandException blocked = assertThrows(ControllerCommandException.class,
                    () -> c.firmware().send(0, java.util.Arrays.copyOf(good, 32768)));
            assertEquals(0x21, blocked.status());
            assertTrue(blocked.getMessage().contains("firmware update blocked, try again later"), blocked.getMessage());
            card.faults.blockFirmwareUpdate(false);
            Firmware.send(c, good);
            assertEquals("3.0.0", c.firmware().activate().currentVersion());
        }
    }

    @Test
    void anOverwriteZeroesTheMediaClearsPoisonAndReportsItsEnd() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            ScmController c = card.controller;
            try (Mapping lpc = card.afu.mapLpcMemory()) {
                lpc.putLong(ScmCard.LPC - 8, -1L);
            }
            card.faults.poison(new dev.ocxlpmem.emulator.MediaRange(4096 * 3, 100));
            c.overwrite().start();
            var ended = card.events.next(RecordingListener.OverwriteEnded.class).state();
            assertEquals(dev.ocxlpmem.scm.OverwriteState.State.SUCCEEDED, ended.state());
            assertEquals(100, ended.percentDone());
            assertEquals(new dev.ocxlpmem.scm.SecureEraseResult(ScmCard.LPC / 4096 - 1, ScmCard.LPC / 4096 - 1, 1, 1),
                    ended.result());
            assertEquals(ended, c.overwrite().state());
            assertEquals(List.of(), card.faults.poisoned());
            try (Mapping lpc = card.afu.mapLpcMemory()) {
                assertEquals(0, lpc.getLong(ScmCard.LPC - 8));
                assertEquals(0, lpc.getLong(4096 * 3));
            }
            assertTrue(c.stats().mediaWriteCount() >= ScmCard.LPC / 64);
        }
    }

    @Test
    void closeShutsTheControllerDownCleanly() throws Exception {
        ScmCard card = ScmCard.started(dir);
        card.close();
        assertThrows(Exception.class, () -> card.controller.heartbeat(), "its registers are unmapped");
        try (ScmCard again = ScmCard.started(dir)) {
            assertEquals("clean", again.controller.health().shutdownState());
            assertEquals(0, again.controller.health().shutdownCount());
            assertFalse(ChiBit.ELA.isSet(again.afu.mapGlobalMmio().read64(Registers.CHI)));
        }
    }

    @Test
    void unknownOpcodesGetTheSeriesDefaultTimeout() {
        assertEquals(java.time.Duration.ofMillis(100), CommandTimeouts.documented().of(0x3F));
        assertEquals(Opcode.FW_UPDATE.timeout(), CommandTimeouts.documented().of(Opcode.FW_UPDATE.code()));
    }
}
