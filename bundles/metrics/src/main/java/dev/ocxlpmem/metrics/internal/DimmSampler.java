package dev.ocxlpmem.metrics.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.ScmEvent;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * What the metrics read of a DIMM's controller through the {@link Ndctl} service: health, firmware,
 * error log and statistics, each a part read on its own, so that one that fails keeps its last
 * values (and counts an error) while the others go on. The only class here that knows the OCXL
 * family's records the service returns today ({@code dev.ocxlpmem.scm}) and the controller's
 * event topic: when the service speaks family-neutral records, this class changes and nothing
 * else. Used by the refresher's one thread only.
 */
final class DimmSampler {
    private static final Logger LOG = LoggerFactory.getLogger(DimmSampler.class);

    /** The controllers' events, on which the values are read again at once. */
    static final String EVENT_TOPIC = ScmEvent.TOPIC_ALL;

    enum Part {
        HEALTH, FIRMWARE, ERROR_LOG, STATISTICS;

        final String label = name().toLowerCase(Locale.ROOT);
    }

    static final Family HEALTH_STATE = Family.gauge("ocxlpmem_dimm_health_state",
            "1 for the DIMM's health state as ndctl list -H names it (ok, non-critical, critical, fatal), 0 for the others");
    static final Family FATAL = Family.gauge("ocxlpmem_dimm_fatal",
            "1 when the DIMM's controller is in a fatal state (health_state fatal); its data may be unreachable");
    static final Family MEDIA_TEMPERATURE = Family.gauge("ocxlpmem_dimm_media_temperature_celsius", Unit.CELSIUS,
            "Media temperature (ndctl temperature_celsius)");
    static final Family CONTROLLER_TEMPERATURE = Family.gauge("ocxlpmem_dimm_controller_temperature_celsius",
            Unit.CELSIUS, "Controller temperature (ndctl controller_temperature_celsius)");
    static final Family MEDIA_TEMPERATURE_THRESHOLD = Family.gauge(
            "ocxlpmem_dimm_media_temperature_threshold_celsius", Unit.CELSIUS,
            "Media temperature at which the DIMM's alarm trips (ndctl temperature_threshold)");
    static final Family CONTROLLER_TEMPERATURE_THRESHOLD = Family.gauge(
            "ocxlpmem_dimm_controller_temperature_threshold_celsius", Unit.CELSIUS,
            "Controller temperature at which the DIMM's alarm trips (ndctl controller_temperature_threshold)");
    static final Family SPARES = Family.gauge("ocxlpmem_dimm_spares_ratio", Unit.RATIO,
            "Spare media remaining, 0 to 1 (ndctl spares_percentage / 100)");
    static final Family SPARES_THRESHOLD = Family.gauge("ocxlpmem_dimm_spares_threshold_ratio", Unit.RATIO,
            "Spares at or below which the DIMM's alarm trips, 0 to 1 (ndctl spares_threshold / 100)");
    static final Family LIFE_USED = Family.gauge("ocxlpmem_dimm_life_used_ratio", Unit.RATIO,
            "Media life used, 0 to 1 (ndctl life_used_percentage / 100)");
    static final Family ALARM = Family.gauge("ocxlpmem_dimm_alarm",
            "1 when the DIMM's alarm (media_temperature, controller_temperature, spares) has tripped");
    static final Family ALARM_ENABLED = Family.gauge("ocxlpmem_dimm_alarm_enabled",
            "1 when the DIMM's alarm (media_temperature, controller_temperature, spares) is enabled");
    static final Family LAST_SHUTDOWN_DIRTY = Family.gauge("ocxlpmem_dimm_last_shutdown_dirty",
            "1 when the DIMM's last shutdown was dirty (ndctl shutdown_state dirty): data not yet persistent may be lost");
    static final Family DIRTY_SHUTDOWNS = Family.counter("ocxlpmem_dimm_dirty_shutdowns",
            "Dirty shutdowns in the DIMM's life (ndctl shutdown_count)");
    static final Family FIRMWARE = Family.info("ocxlpmem_dimm_firmware",
            "The DIMM's running firmware version and the armed one, if any (ndctl list -F)");
    static final Family ERROR_LOG_ENTRIES = Family.counter("ocxlpmem_dimm_error_log_entries",
            "Entries of the controller's error log by type, counted since this Karaf started");
    static final Family HOST_LOADS = Family.counter("ocxlpmem_dimm_host_loads",
            "Loads the host made from the DIMM (controller statistics)");
    static final Family HOST_STORES = Family.counter("ocxlpmem_dimm_host_stores",
            "Stores the host made to the DIMM (controller statistics)");
    static final Family MEDIA_READS = Family.counter("ocxlpmem_dimm_media_reads", "Media reads (controller statistics)");
    static final Family MEDIA_WRITES = Family.counter("ocxlpmem_dimm_media_writes",
            "Media writes (controller statistics)");
    static final Family HOST_LOAD_TIME = Family.counter("ocxlpmem_dimm_host_load_seconds", Unit.SECONDS,
            "Time spent in host loads (controller statistics)");
    static final Family HOST_STORE_TIME = Family.counter("ocxlpmem_dimm_host_store_seconds", Unit.SECONDS,
            "Time spent in host stores (controller statistics)");
    static final Family MEDIA_READ_TIME = Family.counter("ocxlpmem_dimm_media_read_seconds", Unit.SECONDS,
            "Time spent in media reads (controller statistics)");
    static final Family MEDIA_WRITE_TIME = Family.counter("ocxlpmem_dimm_media_write_seconds", Unit.SECONDS,
            "Time spent in media writes (controller statistics)");
    static final Family CONTROLLER_RESETS = Family.counter("ocxlpmem_dimm_controller_resets",
            "Resets of the DIMM's controller (controller statistics)");
    static final Family SAMPLE_ERRORS = Family.counter("ocxlpmem_dimm_sample_errors",
            "Reads of a part of the DIMM's values (health, firmware, error_log, statistics) that failed; the part keeps its last values");

    /** What is known of one DIMM. */
    private static final class Known {
        final Samples[] values = new Samples[Part.values().length];
        final long[] readAt = new long[Part.values().length];
        final long[] errors = new long[Part.values().length];
        final long[] entries = new long[ErrorLogType.values().length];
        ErrorLogEntry lastEntry;
    }

    private final Ndctl ndctl;
    /** By DIMM id, so that a DIMM that goes and comes back keeps its counts. */
    private final Map<String, Known> known = new HashMap<>();

    DimmSampler(Ndctl ndctl) {
        this.ndctl = ndctl;
    }

    /**
     * Reads every part of {@code dimm} now ({@code now} in the clock's nanoseconds) and gives the
     * latest known values to {@code out}, under {@code labels} (its bus and name), and when each
     * part was read to {@code ages}.
     */
    void sample(DimmInfo dimm, Labels labels, long now, Samples out, Map<Labels, Long> ages) {
        Known k = known.computeIfAbsent(dimm.id(), id -> new Known());
        for (Part part : Part.values()) {
            int i = part.ordinal();
            try {
                Samples read = read(part, dimm.dev(), labels, k);
                k.values[i] = read;
                k.readAt[i] = read == null ? 0 : now;
            } catch (CommandRefusedException e) {
                // the DIMM does not offer it: nothing to show, nothing failed
                k.values[i] = null;
                k.readAt[i] = 0;
            } catch (NvdimmException | RuntimeException e) {
                k.errors[i]++;
                if (k.errors[i] == 1) {
                    LOG.warn("metrics: reading the {} of {} failed: {}; its last values stay", part.label, dimm.dev(),
                            e.getMessage());
                } else {
                    LOG.debug("metrics: reading the {} of {} failed again: {}", part.label, dimm.dev(), e.toString());
                }
            }
            Labels partLabels = labels.add("sample", part.label);
            if (k.values[i] != null || k.errors[i] > 0) {
                out.add(SAMPLE_ERRORS, k.errors[i], partLabels);
            }
            if (k.values[i] != null) {
                out.addAll(k.values[i]);
                ages.put(partLabels, k.readAt[i]);
            }
        }
    }

    /** Forgets the DIMMs whose ids are not in {@code present}. */
    void retain(Set<String> present) {
        known.keySet().retainAll(present);
    }

    /** The part's values, or null when the DIMM has none (ndctl prints no health then). */
    private Samples read(Part part, String dev, Labels labels, Known k) throws NvdimmException {
        switch (part) {
            case HEALTH:
                Optional<DimmHealth> health = ndctl.health(dev);
                return health.isEmpty() ? null : health(health.get(), labels);
            case FIRMWARE:
                Optional<FirmwareState> firmware = ndctl.firmware(dev);
                return firmware.isEmpty() ? null : new Samples().add(FIRMWARE, 1, labels.merge(
                        Labels.of("version", firmware.get().currentVersion(), "next_version",
                                firmware.get().nextVersion())));
            case ERROR_LOG:
                return errorLog(ndctl.errorLog(dev), labels, k);
            default:
                return statistics(ndctl.statistics(dev), labels);
        }
    }

    /** What the DIMM's family reports, as ndctl prints it: a field the family leaves out has no sample. */
    private static Samples health(DimmHealth h, Labels labels) {
        Samples s = new Samples();
        if (h.reports(DimmHealth.Field.HEALTH_STATE)) {
            for (DimmHealth.State state : DimmHealth.State.values()) {
                s.add(HEALTH_STATE, h.healthState() == state, labels.add("state", state.ndctlName()));
            }
            s.add(FATAL, h.healthState() == DimmHealth.State.FATAL, labels);
        }
        if (h.reports(DimmHealth.Field.MEDIA_TEMPERATURE)) {
            s.add(MEDIA_TEMPERATURE, h.temperatureCelsius(), labels);
        }
        if (h.reports(DimmHealth.Field.CONTROLLER_TEMPERATURE)) {
            s.add(CONTROLLER_TEMPERATURE, h.controllerTemperatureCelsius(), labels);
        }
        if (h.reports(DimmHealth.Field.THRESHOLDS)) {
            s.add(MEDIA_TEMPERATURE_THRESHOLD, h.temperatureThreshold(), labels);
            s.add(CONTROLLER_TEMPERATURE_THRESHOLD, h.controllerTemperatureThreshold(), labels);
        }
        if (h.reports(DimmHealth.Field.SPARES)) {
            s.add(SPARES, h.sparesPercentage() / 100.0, labels);
        }
        if (h.reports(DimmHealth.Field.THRESHOLDS)) {
            s.add(SPARES_THRESHOLD, h.sparesThreshold() / 100.0, labels);
        }
        if (h.reports(DimmHealth.Field.LIFE_USED)) {
            s.add(LIFE_USED, h.lifeUsedPercentage() / 100.0, labels);
        }
        Labels media = labels.add("alarm", "media_temperature");
        Labels controller = labels.add("alarm", "controller_temperature");
        Labels spares = labels.add("alarm", "spares");
        if (h.reports(DimmHealth.Field.ALARMS)) {
            s.add(ALARM, h.alarmTemperature(), media);
            s.add(ALARM, h.alarmControllerTemperature(), controller);
            s.add(ALARM, h.alarmSpares(), spares);
        }
        if (h.reports(DimmHealth.Field.THRESHOLDS)) {
            s.add(ALARM_ENABLED, h.alarmEnabledMediaTemperature(), media);
            s.add(ALARM_ENABLED, h.alarmEnabledCtrlTemperature(), controller);
            s.add(ALARM_ENABLED, h.alarmEnabledSpares(), spares);
        }
        if (h.reports(DimmHealth.Field.SHUTDOWN_STATE)) {
            s.add(LAST_SHUTDOWN_DIRTY, h.dirtyShutdown(), labels);
        }
        if (h.reports(DimmHealth.Field.SHUTDOWN_COUNT)) {
            s.add(DIRTY_SHUTDOWNS, h.shutdownCount(), labels);
        }
        return s;
    }

    /**
     * Counts the entries logged since the last look. The driver keeps the last entries it read
     * (oldest first, the oldest dropped when full), so the new ones follow the last one seen; when
     * that one is gone, every entry there is new.
     */
    private static Samples errorLog(List<ErrorLogEntry> log, Labels labels, Known k) {
        int start = k.lastEntry == null ? 0 : log.lastIndexOf(k.lastEntry) + 1;
        for (ErrorLogEntry e : log.subList(start, log.size())) {
            k.entries[e.type().ordinal()]++;
        }
        if (!log.isEmpty()) {
            k.lastEntry = log.get(log.size() - 1);
        }
        Samples s = new Samples();
        for (ErrorLogType type : ErrorLogType.values()) {
            s.add(ERROR_LOG_ENTRIES, k.entries[type.ordinal()],
                    labels.add("type", type.name().toLowerCase(Locale.ROOT)));
        }
        return s;
    }

    private static Samples statistics(ControllerStats c, Labels labels) {
        return new Samples()
                .add(HOST_LOADS, unsigned(c.hostLoadCount()), labels)
                .add(HOST_STORES, unsigned(c.hostStoreCount()), labels)
                .add(MEDIA_READS, unsigned(c.mediaReadCount()), labels)
                .add(MEDIA_WRITES, unsigned(c.mediaWriteCount()), labels)
                .add(HOST_LOAD_TIME, seconds(c.hostLoadDurationNanos()), labels)
                .add(HOST_STORE_TIME, seconds(c.hostStoreDurationNanos()), labels)
                .add(MEDIA_READ_TIME, seconds(c.mediaReadDurationNanos()), labels)
                .add(MEDIA_WRITE_TIME, seconds(c.mediaWriteDurationNanos()), labels)
                .add(CONTROLLER_RESETS, c.resetCount(), labels);
    }

    /** The controller's counts are unsigned 64-bit. */
    private static double unsigned(long count) {
        return count >= 0 ? count : (count >>> 1) * 2.0;
    }

    private static double seconds(long nanos) {
        return unsigned(nanos) / 1e9;
    }
}
