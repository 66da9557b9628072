package dev.ocxlpmem.driver.internal;

import java.io.IOException;
import java.lang.annotation.Annotation;
import java.nio.file.Path;
import java.util.List;

import dev.ocxlpmem.driver.DriverConfig;
import dev.ocxlpmem.emulator.EmulatedCardConfig;
import dev.ocxlpmem.emulator.internal.EmulatedCard;
import dev.ocxlpmem.memory.internal.MmapMemoryProvider;
import dev.ocxlpmem.ocxl.OcxlFunction;

/** Emulated cards on real image files, for the driver's tests. */
final class TestCards {
    static final long LABEL_AREA = 128 * 1024;

    private TestCards() {
    }

    /** Functions 0 and 1 of a card with {@code lpcSize} bytes of LPC memory in {@code dir}. */
    static List<OcxlFunction> card(Path dir, long lpcSize, long serial) throws IOException {
        return List.copyOf(EmulatedCard.functions(new MmapMemoryProvider(), config(lpcSize, serial), dir));
    }

    static EmulatedCardConfig config(long lpcSize, long serial) {
        return new EmulatedCardConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return EmulatedCardConfig.class;
            }

            @Override
            public String image() {
                return "";
            }

            @Override
            public long lpcMemorySize() {
                return lpcSize;
            }

            @Override
            public long serial() {
                return serial;
            }

            @Override
            public String location() {
                return "0006:00:00";
            }
        };
    }

    static DriverConfig driverConfig(long labelAreaSize) {
        return new DriverConfig() {
            @Override
            public Class<? extends Annotation> annotationType() {
                return DriverConfig.class;
            }

            @Override
            public long labelAreaSize() {
                return labelAreaSize;
            }
        };
    }
}
