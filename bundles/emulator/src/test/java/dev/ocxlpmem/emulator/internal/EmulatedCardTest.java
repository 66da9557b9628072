package dev.ocxlpmem.emulator.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.emulator.EmulatedCardConfig;
import dev.ocxlpmem.emulator.standalone.Cards;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.ocxl.OpenFunction;

class EmulatedCardTest {
    private static final long LPC = 4L << 20;

    @TempDir
    Path dir;

    private static EmulatedCardConfig config(String image, long size, String location) {
        return Cards.config(image, size, 0x77, location);
    }

    private List<EmulatedFunction> card(long size) throws IOException {
        return EmulatedCard.functions(MmapMemory.provider(), config("", size, "0006:00:00"), dir);
    }

    @Test
    void describesFunctionsZeroAndOneOfIbm0625() throws Exception {
        List<EmulatedFunction> card = card(LPC);
        assertEquals(List.of("0006:00:00.0", "0006:00:00.1"), card.stream().map(OcxlFunction::location).toList());
        for (EmulatedFunction f : card) {
            assertEquals(0x1014, f.vendor());
            assertEquals(0x0625, f.device());
            assertEquals(0x77, f.config().serial());
        }
        assertEquals(0, card.get(0).functionNumber());
        assertEquals(-1, card.get(0).config().maxAfuIndex());
        assertEquals(1, card.get(1).functionNumber());
        assertEquals(0, card.get(1).config().maxAfuIndex());
        assertEquals(LPC, card.get(1).afus().get(0).lpcMemorySize());
        assertEquals(LPC, Files.size(dir.resolve("0006_00_00.img")));
    }

    @Test
    void lpcMemoryNeedsAnAttachedContextAndSurvivesACardRestart() throws Exception {
        EmulatedFunction f1 = card(LPC).get(1);
        try (OpenFunction open = f1.open()) {
            Afu afu = open.fetchAfu(0);
            OcxlException detached = assertThrows(OcxlException.class, afu::mapLpcMemory);
            assertTrue(detached.getMessage().contains("attach a context"), detached.getMessage());
            try (Context context = afu.allocateContext()) {
                context.attach();
                try (Mapping lpc = afu.mapLpcMemory()) {
                    assertEquals(LPC, lpc.size());
                    lpc.putLong(LPC - 8, 0x0123_4567_89ab_cdefL);
                    lpc.persist(LPC - 8, 8);
                }
            }
            assertThrows(OcxlException.class, () -> open.fetchAfu(1));
            assertThrows(OcxlException.class, f1::open);
        }
        // The same configuration again: the image is reused, not recreated.
        EmulatedFunction again = card(LPC).get(1);
        try (OpenFunction open = again.open(); Context context = open.fetchAfu(0).allocateContext()) {
            context.attach();
            try (Mapping lpc = open.fetchAfu(0).mapLpcMemory()) {
                assertEquals(0x0123_4567_89ab_cdefL, lpc.getLong(LPC - 8));
            }
        }
    }

    @Test
    void refusesBadConfigurationsClearly() throws Exception {
        card(LPC);
        IOException resized = assertThrows(IOException.class, () -> card(2 * LPC));
        assertTrue(resized.getMessage().contains(String.valueOf(LPC)), resized.getMessage());
        assertEquals(LPC, Files.size(dir.resolve("0006_00_00.img")), "an existing image is never resized");

        MemoryProvider memory = MmapMemory.provider();
        assertThrows(IllegalArgumentException.class,
                () -> EmulatedCard.functions(memory, config("", 4097, "0006:00:00"), dir));
        IllegalArgumentException location = assertThrows(IllegalArgumentException.class,
                () -> EmulatedCard.functions(memory, config("", LPC, "slot 3"), dir));
        assertTrue(location.getMessage().contains("slot 3"), location.getMessage());
    }
}
