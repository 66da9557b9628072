package dev.ocxlpmem.ndctl;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What {@code ndctl monitor} reports of a DIMM ({@code --dimm-event}, ndctl 76 ndctl/monitor.c),
 * with ndctl's names, and one this product adds: {@code dimm-error-log}, an entry of the card's
 * controller error log. A DIMM's event fires when its alarm is tripped (spares, temperatures), it
 * last shut down dirty, or its health state changed since the last look, as ndctl computes them.
 */
public enum DimmEventType {
    SPARES_REMAINING("dimm-spares-remaining"),
    MEDIA_TEMPERATURE("dimm-media-temperature"),
    CONTROLLER_TEMPERATURE("dimm-controller-temperature"),
    HEALTH_STATE("dimm-health-state"),
    UNCLEAN_SHUTDOWN("dimm-unclean-shutdown"),
    /** Not ndctl's: a new entry in the controller's error log (its type and text come with it). */
    ERROR_LOG("dimm-error-log");

    private final String ndctlName;

    DimmEventType(String ndctlName) {
        this.ndctlName = ndctlName;
    }

    /** As {@code --dimm-event} takes it and the JSON's {@code event} object names it. */
    public String ndctlName() {
        return ndctlName;
    }

    public static Optional<DimmEventType> of(String name) {
        return Arrays.stream(values()).filter(t -> t.ndctlName.equals(name.toLowerCase(Locale.ROOT))).findFirst();
    }

    /**
     * {@code --dimm-event}'s value: names separated by spaces or commas, or {@code all}; null or
     * empty for all, as ndctl's default.
     *
     * @throws IllegalArgumentException naming an unknown event, as ndctl's "no dimm-event named"
     */
    public static Set<DimmEventType> parse(String names) {
        if (names == null || names.isBlank()) {
            return EnumSet.allOf(DimmEventType.class);
        }
        Set<DimmEventType> set = EnumSet.noneOf(DimmEventType.class);
        for (String name : names.trim().split("[\\s,]+")) {
            if (name.equals("all")) {
                return EnumSet.allOf(DimmEventType.class);
            }
            set.add(of(name).orElseThrow(() -> new IllegalArgumentException("no dimm-event named " + name
                    + "; the events are all, " + String.join(", ", Arrays.stream(values())
                            .map(DimmEventType::ndctlName).toList()))));
        }
        return set;
    }
}
