package dev.ocxlpmem.emulator.standalone;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;

import dev.ocxlpmem.emulator.Card;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.EmulatedCardConfig;
import dev.ocxlpmem.emulator.internal.EmulatedCard;
import dev.ocxlpmem.memory.MemoryProvider;

/**
 * Emulated cards outside OSGi, for tests, tools and benchmarks on a plain class path; in OSGi a
 * factory configuration of {@link EmulatedCardConfig#PID} plugs one. Not exported.
 */
public final class Cards {
    private Cards() {
    }

    /**
     * Powers a card on: creates its image in {@code imageDirectory} unless the configuration names
     * one (an existing image is reused, never resized) and loads its state file beside the image.
     * A card whose last power-off came without a controller SHUTDOWN counts a dirty shutdown.
     */
    public static Card plug(MemoryProvider memory, EmulatedCardConfig config, ControllerSettings settings,
            Path imageDirectory) throws IOException {
        return EmulatedCard.plug(memory, config, settings, imageDirectory);
    }

    /** A card's configuration as Config Admin would give it, for {@link #plug}. */
    public static EmulatedCardConfig config(String image, long lpcMemorySize, long serial, String location) {
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
