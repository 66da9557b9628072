package dev.ocxlpmem.nvdimm;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * What ndctl's {@code inject-smart} asks of a DIMM, whatever its command family (ndctl 76
 * {@code ndctl/inject-smart.c}; libndctl's {@code smart_inject_*} and {@code smart_set_threshold}
 * operations of each family's {@code dimm_ops}): fields set to a value, or taken back to the DIMM's
 * own ({@code uninject}). Temperatures in °C, spares in percent, an alarm 1 (enabled) or 0, a fatal
 * state or an unsafe shutdown 1.
 */
public record SmartInjection(Map<Field, Double> set, Set<Field> uninject) {
    /** The fields of inject-smart's options. */
    public enum Field {
        MEDIA_TEMPERATURE, MEDIA_TEMPERATURE_THRESHOLD, MEDIA_TEMPERATURE_ALARM,
        CONTROLLER_TEMPERATURE, CONTROLLER_TEMPERATURE_THRESHOLD, CONTROLLER_TEMPERATURE_ALARM,
        SPARES, SPARES_THRESHOLD, SPARES_ALARM,
        FATAL, UNSAFE_SHUTDOWN
    }

    public SmartInjection {
        set = set.isEmpty() ? Map.of() : Map.copyOf(new EnumMap<>(set));
        uninject = uninject.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(uninject));
        for (Field f : uninject) {
            if (set.containsKey(f)) {
                throw new IllegalArgumentException("Cannot use " + f.name().toLowerCase().replace('_', '-')
                        + " inject and uninject together");
            }
        }
    }

    public boolean isEmpty() {
        return set.isEmpty() && uninject.isEmpty();
    }
}
