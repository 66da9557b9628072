package dev.ocxlpmem.emulator;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.ocxl.OcxlFunction;

/** Emulated cards outside OSGi, for tests, benchmarks and tools: the functions a card would register. */
public final class EmulatedCards {
    private EmulatedCards() {
    }

    /**
     * Checks {@code config}, creates the card's image if needed (under {@code imageDir} when the
     * configuration names none) and returns its functions 0 and 1, not registered anywhere.
     */
    public static List<OcxlFunction> functions(MemoryProvider memory, EmulatedCardConfig config, Path imageDir)
            throws IOException {
        return List.copyOf(dev.ocxlpmem.emulator.internal.EmulatedCard.functions(memory, config, imageDir));
    }
}
