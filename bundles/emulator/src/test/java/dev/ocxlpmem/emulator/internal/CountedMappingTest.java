package dev.ocxlpmem.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MediaErrorException;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.Registers;

class CountedMappingTest {
    @TempDir
    Path dir;

    @Test
    void statisticsCountWhatTheHostDid() throws Exception {
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS); Mapping lpc = card.afu.mapLpcMemory()) {
            lpc.putLong(0, 1);           // one store, one line
            lpc.putLong(60, 2);          // one store across two lines
            lpc.getLong(0);              // one load, one line
            lpc.get(0, new byte[4096], 0, 4096); // one load, 64 lines
            Mapping labels = lpc.slice(1 << 20, 4096);
            labels.put(64, ByteBuffer.wrap(new byte[128])); // one store, 2 lines
            lpc.fill(0, 256, (byte) 7);   // one store, 4 lines
            ControllerStats stats = card.controller.stats();
            assertEquals(2, stats.hostLoadCount());
            assertEquals(4, stats.hostStoreCount());
            assertEquals(65, stats.mediaReadCount());
            assertEquals(1 + 2 + 2 + 4, stats.mediaWriteCount());
            assertEquals(65L * Controller.READ_LATENCY_NS, stats.mediaReadDurationNanos());
            assertEquals(100, stats.lifeRemainingPercent());
            assertEquals(1, stats.resetCount(), "the function-level reset at open");
            assertEquals(0, ControllerProtocolTest.command(card.mmio, Opcode.CONTROLLER_STATS.code(), 1, 0).status());
            byte[] data = card.controller.readData(dev.ocxlpmem.scm.Queue.ADMIN, 0x148);
            assertEquals(stats, ControllerStats.fromDataBuffer(data));
        }
    }

    @Test
    void poisonedMediaFailsReadsUntilWrittenAndStaysWithTheCard() throws Exception {
        long bad = TestCard.LPC - 8192;
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS); Mapping lpc = card.afu.mapLpcMemory()) {
            card.faults.poison(new MediaRange(bad, 512));
            MediaErrorException single = assertThrows(MediaErrorException.class, () -> lpc.getLong(bad + 8));
            assertEquals(bad + 8, single.offset());
            Mapping tail = lpc.slice(TestCard.LPC - 16384, 16384);
            MediaErrorException bulk = assertThrows(MediaErrorException.class, () -> tail.get(0, new byte[16384], 0,
                    16384));
            assertEquals(8192, bulk.offset(), "relative to the slice");
            assertTrue(bulk.getMessage().contains(String.format("0x%x is poisoned", bad)), bulk.getMessage());
            lpc.getLong(bad - 8);
            lpc.getLong(bad + 512);

            lpc.put(bad, new byte[256], 0, 256); // writing clears what it covers
            assertEquals(0, lpc.getLong(bad));
            assertEquals(List.of(new MediaRange(bad + 256, 256)), card.faults.poisoned());
            assertThrows(IllegalArgumentException.class, () -> card.faults.poison(new MediaRange(TestCard.LPC - 8, 16)));
        }
        try (TestCard card = TestCard.open(dir, ControllerSettings.DEFAULTS); Mapping lpc = card.afu.mapLpcMemory()) {
            assertEquals(List.of(new MediaRange(bad + 256, 256)), card.faults.poisoned(), "poison persists");
            assertThrows(MediaErrorException.class, () -> lpc.getInt(bad + 300));
            card.faults.clearPoison(new MediaRange(0, TestCard.LPC));
            assertEquals(0, lpc.getInt(bad + 300));
            assertEquals(0, card.mmio.read64(Registers.CSTS));
        }
    }
}
