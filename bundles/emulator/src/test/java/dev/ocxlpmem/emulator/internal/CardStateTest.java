package dev.ocxlpmem.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.scm.HciBit;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.Registers;

class CardStateTest {
    @TempDir
    Path dir;

    private static final CardState STATE = new CardState(new FirmwareVersion("2.0.1"), new FirmwareVersion("2.1.0"), 3,
            true, true, List.of(new MediaRange(4096, 512), new MediaRange(1 << 20, 8)), true, 35);

    @Test
    void aStateDecodesAsItWasEncoded() {
        assertEquals(STATE, CardState.decode(STATE.encode(), "state"));
        CardState fresh = CardState.fresh(new FirmwareVersion("1.0.0"));
        assertEquals(fresh, CardState.decode(fresh.encode(), "state"));
        assertEquals(STATE.withOverwriteCompleted(), CardState.decode(STATE.withOverwriteCompleted().encode(), "state"));
        assertTrue(STATE.poweredOn().overwriteIncomplete(), "a power cycle does not complete an overwrite");
        assertEquals(35, STATE.poweredOn().overwritePercent());
        assertEquals(4, STATE.poweredOn().dirtyShutdowns(), "found running: the power went without SHUTDOWN");
        assertFalse(STATE.poweredOn().running());
        assertEquals(3, STATE.withRunning(false).poweredOn().dirtyShutdowns());
        assertFalse(STATE.withRunning(false).poweredOn().lastShutdownDirty());
    }

    /** Every prefix of the encoding, and every 8-byte word of it flipped, is refused: never misread. */
    @Test
    void everyTornOrDamagedStateIsRefused() {
        byte[] good = STATE.encode();
        for (int length = 0; length < good.length; length++) {
            byte[] torn = Arrays.copyOf(good, length);
            assertThrows(IllegalArgumentException.class, () -> CardState.decode(torn, "state"), "prefix " + length);
        }
        for (int word = 0; word < good.length / 8; word++) {
            byte[] damaged = good.clone();
            damaged[word * 8] ^= 0x40;
            assertThrows(IllegalArgumentException.class, () -> CardState.decode(damaged, "state"), "word " + word);
        }
    }

    @Test
    void theFileKeepsTheStoredStateAndIgnoresAnUnfinishedWrite() throws IOException {
        Path image = dir.resolve("card.img");
        CardStateFile file = new CardStateFile(image);
        assertEquals(CardState.fresh(new FirmwareVersion("1.0.0")), file.load(new FirmwareVersion("1.0.0")));
        file.store(STATE);
        Files.write(dir.resolve("card.img.state.tmp"), Arrays.copyOf(STATE.withRunning(false).encode(), 20));
        assertEquals(STATE, new CardStateFile(image).load(new FirmwareVersion("1.0.0")));

        byte[] damaged = Files.readAllBytes(file.path());
        damaged[30] ^= 1;
        Files.write(file.path(), damaged);
        IOException refused = assertThrows(IOException.class, () -> file.load(new FirmwareVersion("1.0.0")));
        assertTrue(refused.getMessage().contains("fails its checksum") && refused.getMessage().contains("Delete it"),
                refused.getMessage());
    }

    @Test
    void aPowerLossWithoutShutdownIsCountedAtTheNextPowerOn() throws Exception {
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            assertEquals(0, card.controller.state().dirtyShutdowns());
            assertTrue(card.controller.state().running(), "running once memory is available");
        }
        // Plugged again without a SHUTDOWN: the power went while it was running.
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            assertEquals(1, card.controller.state().dirtyShutdowns());
            assertTrue(card.controller.state().lastShutdownDirty());
            assertEquals(0, ControllerProtocolTest.command(card.mmio, Opcode.SHUTDOWN.code(), 1).status());
            assertFalse(ChiBit.MA.isSet(card.mmio.read64(Registers.CHI)), "no memory after SHUTDOWN");
        }
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            assertEquals(1, card.controller.state().dirtyShutdowns(), "a clean shutdown adds nothing");
            assertFalse(card.controller.state().lastShutdownDirty());
            card.mmio.write64(Registers.HCI, HciBit.AFU_RESET.mask());
            ControllerProtocolTest.waitFor(card.mmio, ChiBit.MA);
            assertEquals(0, ControllerProtocolTest.command(card.mmio, Opcode.SHUTDOWN.code(), 2).status());
        }
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS)) {
            assertEquals(1, card.controller.state().dirtyShutdowns(), "an AFU reset is no power loss");
        }
    }
}
