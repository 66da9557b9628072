package dev.ocxlpmem.emulator;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;

import dev.ocxlpmem.emulator.internal.EmulatedCard;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.ocxl.OcxlFunction;

/**
 * One emulated card outside OSGi: its two functions and its fault injection. Inside Karaf a
 * factory configuration of {@link EmulatedCardConfig#PID} does the same and registers both.
 */
public interface Card {

    /** Functions 0 and 1 of IBM 0x0625, in that order. */
    List<OcxlFunction> functions();

    CardFaults faults();

    /**
     * Powers a card on: creates its image in {@code imageDirectory} unless the configuration names
     * one (an existing image is reused, never resized) and loads its state file beside the image.
     * A card whose last power-off came without a controller SHUTDOWN counts a dirty shutdown.
     */
    static Card plug(MemoryProvider memory, EmulatedCardConfig config, ControllerSettings settings,
            Path imageDirectory) throws IOException {
        return EmulatedCard.plug(memory, config, settings, imageDirectory);
    }

    /** A card's configuration as Config Admin would give it, for {@link #plug} outside OSGi. */
    static EmulatedCardConfig config(String image, long lpcMemorySize, long serial, String location) {
        return new EmulatedCardConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EmulatedCardConfig.class;
            }

            @Override
            public String image() {
                return image;
            }

            @Override
            public long lpcMemorySize() {
                return lpcMemorySize;
            }

            @Override
            public long serial() {
                return serial;
            }

            @Override
            public String location() {
                return location;
            }
        };
    }
}
