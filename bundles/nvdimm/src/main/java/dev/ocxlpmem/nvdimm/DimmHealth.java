package dev.ocxlpmem.nvdimm;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A DIMM's health, whatever its command family: the fields of ndctl's
 * {@code util_dimm_health_to_json} (ndctl 76 ndctl/json-smart.c), each printed when the family
 * reports it ({@code valid}, as libndctl's {@code ND_SMART_*_VALID} flags say which fields of a
 * family's SMART answer mean anything). A field not in {@code valid} holds 0 or false. What a family
 * reports beyond these goes in {@code vendor}.
 *
 * @param temperatureThreshold, controllerTemperatureThreshold, sparesThreshold the alarms'
 *     thresholds, meaningful when the alarm is enabled
 * @param dirtyShutdown whether the last shutdown was dirty ({@code shutdown_state})
 * @param shutdownCount the count of dirty shutdowns ({@code shutdown_count})
 */
public record DimmHealth(
        Set<Field> valid,
        State healthState,
        double temperatureCelsius,
        double controllerTemperatureCelsius,
        int sparesPercentage,
        boolean alarmTemperature,
        boolean alarmControllerTemperature,
        boolean alarmSpares,
        boolean alarmEnabledMediaTemperature,
        double temperatureThreshold,
        boolean alarmEnabledCtrlTemperature,
        double controllerTemperatureThreshold,
        boolean alarmEnabledSpares,
        int sparesThreshold,
        int lifeUsedPercentage,
        boolean dirtyShutdown,
        long shutdownCount,
        Map<String, Object> vendor) {

    /** libndctl's {@code ND_SMART_*_VALID}: which fields a family's answer fills. */
    public enum Field {
        HEALTH_STATE, MEDIA_TEMPERATURE, CONTROLLER_TEMPERATURE, SPARES, ALARMS, THRESHOLDS, LIFE_USED,
        SHUTDOWN_STATE, SHUTDOWN_COUNT
    }

    /** ndctl's {@code health_state} values ({@code util_dimm_health_to_json}). */
    public enum State {
        OK("ok"),
        NON_CRITICAL("non-critical"),
        CRITICAL("critical"),
        FATAL("fatal");

        private final String ndctlName;

        State(String ndctlName) {
            this.ndctlName = ndctlName;
        }

        /** As {@code ndctl list -H} prints it. */
        public String ndctlName() {
            return ndctlName;
        }
    }

    public DimmHealth {
        valid = valid.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(valid));
        vendor = Map.copyOf(vendor);
        if (shutdownCount < 0) {
            throw new IllegalArgumentException("shutdown count " + shutdownCount + " is negative");
        }
    }

    public boolean reports(Field field) {
        return valid.contains(field);
    }

    /** ndctl's {@code shutdown_state}. */
    public String shutdownState() {
        return dirtyShutdown ? "dirty" : "clean";
    }
}
