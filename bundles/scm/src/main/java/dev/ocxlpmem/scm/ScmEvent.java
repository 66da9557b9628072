package dev.ocxlpmem.scm;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What a card's SCM controller told its driver, as the driver publishes it through OSGi EventAdmin
 * under {@link #topic()}: {@code dev/ocxlpmem/scm/<KIND>}, e.g. {@code dev/ocxlpmem/scm/HEALTH_CHANGED}.
 * Every event carries the properties {@link #LOCATION} (the card's function, e.g.
 * {@code 0006:00:00.1}), {@link #DEV} (its DIMM, {@code nmemN}, or the empty string when the
 * controller spoke before the DIMM was registered), {@link #BUS} (likewise {@code ndbusN}) and
 * {@link #KIND}; each kind adds its own:
 *
 * <table>
 * <caption>properties per kind</caption>
 * <tr><th>kind</th><th>properties</th></tr>
 * <tr><td>HEALTH_CHANGED</td><td>{@link #HEALTH_STATE} and {@link #PREVIOUS_HEALTH_STATE} (ndctl's
 * names), {@link #HEALTH} (the new health's {@link Health#toPackage()} bytes)</td></tr>
 * <tr><td>ERROR_LOGGED</td><td>{@link #ENTRY} (the entry's {@link ErrorLogEntry#toDataBuffer()}
 * bytes), {@link #LOG_ID} (Long), {@link #TYPE} (the entry type's text)</td></tr>
 * <tr><td>FATAL</td><td>{@link #STATE} ({@code firmware} for CHI.CFFS, {@code hardware} for
 * CHI.CHFS), {@link #CHI} (Long)</td></tr>
 * <tr><td>DUMP_AVAILABLE</td><td>none: the controller collected a dump of its own accord</td></tr>
 * <tr><td>OVERWRITE_ENDED</td><td>{@link #STATE} ({@code SUCCEEDED} or {@code FAILED}),
 * {@link #OVERWRITE} (the {@link OverwriteState#toPackage()} bytes)</td></tr>
 * </table>
 *
 * <p>The driver posts them in the order the controller raised them, from its interrupt thread.
 * Byte-array properties make {@code equals} compare by identity: compare {@link #message()}s.
 */
public record ScmEvent(Kind kind, String location, String dev, String bus, Map<String, Object> details) {

    public static final String TOPIC_ROOT = "dev/ocxlpmem/scm";
    /** Subscribe to this for every kind. */
    public static final String TOPIC_ALL = TOPIC_ROOT + "/*";
    public static final String LOCATION = "location";
    public static final String DEV = "dev";
    public static final String BUS = "bus";
    public static final String KIND = "kind";
    public static final String HEALTH_STATE = "health_state";
    public static final String PREVIOUS_HEALTH_STATE = "previous_health_state";
    public static final String HEALTH = "health";
    public static final String ENTRY = "entry";
    public static final String LOG_ID = "log_id";
    public static final String TYPE = "type";
    public static final String STATE = "state";
    public static final String CHI = "chi";
    public static final String OVERWRITE = "overwrite";

    public enum Kind {
        HEALTH_CHANGED, ERROR_LOGGED, FATAL, DUMP_AVAILABLE, OVERWRITE_ENDED;

        /** As JMX notification types have it: {@code health.changed}. */
        public String dotted() {
            return name().toLowerCase(Locale.ROOT).replace('_', '.');
        }
    }

    public ScmEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(dev, "dev");
        Objects.requireNonNull(bus, "bus");
        details = Map.copyOf(details);
    }

    public static ScmEvent healthChanged(String location, Health before, Health after) {
        return new ScmEvent(Kind.HEALTH_CHANGED, location, "", "", Map.of(HEALTH_STATE, after.healthState().ndctlName(),
                PREVIOUS_HEALTH_STATE, before.healthState().ndctlName(), HEALTH, after.toPackage()));
    }

    public static ScmEvent errorLogged(String location, ErrorLogEntry entry) {
        return new ScmEvent(Kind.ERROR_LOGGED, location, "", "", Map.of(ENTRY, entry.toDataBuffer(), LOG_ID,
                entry.logId(), TYPE, entry.type().text()));
    }

    public static ScmEvent fatal(String location, boolean hardware, long chi) {
        return new ScmEvent(Kind.FATAL, location, "", "", Map.of(STATE, hardware ? "hardware" : "firmware", CHI, chi));
    }

    public static ScmEvent dumpAvailable(String location) {
        return new ScmEvent(Kind.DUMP_AVAILABLE, location, "", "", Map.of());
    }

    public static ScmEvent overwriteEnded(String location, OverwriteState state) {
        return new ScmEvent(Kind.OVERWRITE_ENDED, location, "", "", Map.of(STATE, state.state().name(), OVERWRITE,
                state.toPackage()));
    }

    /** The same event, told of the DIMM and bus the card's controller belongs to. */
    public ScmEvent on(String dimm, String busDev) {
        return new ScmEvent(kind, location, dimm, busDev, details);
    }

    public String topic() {
        return TOPIC_ROOT + "/" + kind.name();
    }

    /** The EventAdmin properties of this event. */
    public Map<String, Object> properties() {
        Map<String, Object> p = new HashMap<>(details);
        p.put(LOCATION, location);
        p.put(DEV, dev);
        p.put(BUS, bus);
        p.put(KIND, kind.name());
        return p;
    }

    /** Reads an event back from EventAdmin's topic and properties; empty if it is not one of these. */
    public static Optional<ScmEvent> of(String topic, Map<String, ?> properties) {
        if (topic == null || !topic.startsWith(TOPIC_ROOT + "/")) {
            return Optional.empty();
        }
        Kind kind;
        try {
            kind = Kind.valueOf(topic.substring(TOPIC_ROOT.length() + 1));
        } catch (IllegalArgumentException unknown) {
            return Optional.empty();
        }
        if (!(properties.get(LOCATION) instanceof String location) || !(properties.get(DEV) instanceof String dev)
                || !(properties.get(BUS) instanceof String bus)) {
            return Optional.empty();
        }
        Map<String, Object> details = new HashMap<>();
        properties.forEach((k, v) -> {
            if (v != null && !k.equals(LOCATION) && !k.equals(DEV) && !k.equals(BUS) && !k.equals(KIND)
                    && !k.equals("event.topics")) {
                details.put(k, v);
            }
        });
        return Optional.of(new ScmEvent(kind, location, dev, bus, details));
    }

    /** For HEALTH_CHANGED: the new health. */
    public Optional<Health> health() {
        return details.get(HEALTH) instanceof byte[] b ? Optional.of(Health.fromPackage(b)) : Optional.empty();
    }

    /** For ERROR_LOGGED: the entry. */
    public Optional<ErrorLogEntry> entry() {
        return details.get(ENTRY) instanceof byte[] b ? ErrorLogEntry.fromDataBuffer(b) : Optional.empty();
    }

    /** For OVERWRITE_ENDED: how it ended. */
    public Optional<OverwriteState> overwrite() {
        return details.get(OVERWRITE) instanceof byte[] b ? Optional.of(OverwriteState.fromPackage(b))
                : Optional.empty();
    }

    /** One line for a log or a JMX notification, e.g. {@code nmem0 (0006:00:00.1): health changed: ok -> critical}. */
    public String message() {
        String who = (dev.isEmpty() ? "" : dev + " ") + "(" + location + ")";
        String what = switch (kind) {
            case HEALTH_CHANGED -> "health changed: " + details.get(PREVIOUS_HEALTH_STATE) + " -> "
                    + details.get(HEALTH_STATE);
            case ERROR_LOGGED -> entry().map(ErrorLogEntry::toString).orElse("error logged");
            case FATAL -> "controller in a fatal " + details.get(STATE) + " state";
            case DUMP_AVAILABLE -> "the controller collected a dump";
            case OVERWRITE_ENDED -> "overwrite " + String.valueOf(details.get(STATE)).toLowerCase(Locale.ROOT);
        };
        return who + ": " + what;
    }
}
