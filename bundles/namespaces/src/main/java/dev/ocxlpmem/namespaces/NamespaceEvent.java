package dev.ocxlpmem.namespaces;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A namespace's lifecycle event, published once through OSGi EventAdmin under {@link #topic()}
 * ({@code dev/ocxlpmem/namespaces/Namespace/<ACTION>}) with the properties {@link #DEV},
 * {@link #REGION} and {@link #ACTION}, as the nvdimm core publishes its buses', DIMMs' and
 * regions' events.
 *
 * @param action what happened
 * @param dev the namespace, {@code namespaceR.M}, as it was named when it happened
 * @param region its region, {@code regionR}
 */
public record NamespaceEvent(Action action, String dev, String region) {

    public static final String TOPIC_ROOT = "dev/ocxlpmem/namespaces";
    /** Subscribe here for every namespace event. */
    public static final String TOPIC_ALL = TOPIC_ROOT + "/*";
    public static final String DEV = "dev";
    public static final String REGION = "region";
    public static final String ACTION = "action";

    public enum Action {
        /** Found when its region was enabled. */
        ADDED,
        /** Gone with its region (disabled, or its card removed). */
        REMOVED,
        CREATED,
        RECONFIGURED,
        DESTROYED,
        ENABLED,
        DISABLED
    }

    public NamespaceEvent {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(region, "region");
    }

    public String topic() {
        return TOPIC_ROOT + "/Namespace/" + action;
    }

    public Map<String, Object> properties() {
        return Map.of(DEV, dev, REGION, region, ACTION, action.name());
    }

    /** Reads an event back from EventAdmin's topic and properties; empty if it is not one of these. */
    public static Optional<NamespaceEvent> of(String topic, Map<String, ?> properties) {
        String prefix = TOPIC_ROOT + "/Namespace/";
        if (topic == null || !topic.startsWith(prefix) || !(properties.get(DEV) instanceof String dev)
                || !(properties.get(REGION) instanceof String region)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new NamespaceEvent(Action.valueOf(topic.substring(prefix.length())
                    .toUpperCase(Locale.ROOT)), dev, region));
        } catch (IllegalArgumentException notAnAction) {
            return Optional.empty();
        }
    }

    /** E.g. {@code namespace0.1 (region0): CREATED}. */
    @Override
    public String toString() {
        return dev + " (" + region + "): " + action;
    }
}
