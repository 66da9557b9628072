package dev.ocxlpmem.nvdimm;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A lifecycle event of a bus, DIMM or region. The core publishes each one once, through OSGi
 * EventAdmin under {@link #topic()} ({@code dev/ocxlpmem/nvdimm/<Kind>/<ACTION>}) with the
 * properties {@link #DEV}, {@link #BUS}, {@link #KIND} and {@link #ACTION}, so that JMX
 * notifications and a console monitor follow the same stream.
 *
 * @param kind what changed
 * @param action what happened to it
 * @param dev its device name, e.g. {@code region0}
 * @param bus the device name of its bus (for a bus, its own)
 */
public record NvdimmEvent(Kind kind, Action action, String dev, String bus) {

    /** The topics' common prefix; subscribe to {@code dev/ocxlpmem/nvdimm/*} for all of them. */
    public static final String TOPIC_ROOT = "dev/ocxlpmem/nvdimm";
    public static final String TOPIC_ALL = TOPIC_ROOT + "/*";
    public static final String DEV = "dev";
    public static final String BUS = "bus";
    public static final String KIND = "kind";
    public static final String ACTION = "action";

    public enum Kind {
        BUS("Bus"), DIMM("Dimm"), REGION("Region");

        private final String segment;

        Kind(String segment) {
            this.segment = segment;
        }

        /** As in the topic: {@code Bus}, {@code Dimm}, {@code Region}. */
        public String segment() {
            return segment;
        }
    }

    public enum Action { ADDED, REMOVED, ENABLED, DISABLED }

    public NvdimmEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(bus, "bus");
    }

    public String topic() {
        return TOPIC_ROOT + "/" + kind.segment + "/" + action;
    }

    /** The EventAdmin properties of this event. */
    public Map<String, Object> properties() {
        return Map.of(DEV, dev, BUS, bus, KIND, kind.segment, ACTION, action.name());
    }

    /** Reads an event back from EventAdmin's topic and properties; empty if it is not one of ours. */
    public static Optional<NvdimmEvent> of(String topic, Map<String, ?> properties) {
        if (topic == null || !topic.startsWith(TOPIC_ROOT + "/")) {
            return Optional.empty();
        }
        String[] parts = topic.substring(TOPIC_ROOT.length() + 1).split("/");
        if (parts.length != 2 || !(properties.get(DEV) instanceof String dev)
                || !(properties.get(BUS) instanceof String bus)) {
            return Optional.empty();
        }
        for (Kind kind : Kind.values()) {
            if (kind.segment.equals(parts[0])) {
                try {
                    return Optional.of(new NvdimmEvent(kind, Action.valueOf(parts[1].toUpperCase(Locale.ROOT)), dev, bus));
                } catch (IllegalArgumentException notAnAction) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** E.g. {@code region0 (ndbus0): Region DISABLED}. */
    @Override
    public String toString() {
        return dev + " (" + bus + "): " + kind.segment + " " + action;
    }
}
