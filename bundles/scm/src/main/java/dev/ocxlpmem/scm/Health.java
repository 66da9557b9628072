package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;

/**
 * A DIMM's health with the fields {@code ndctl list -DH} prints (ndctl v76 ndctl/json-smart.c):
 * {@code health_state}, {@code temperature_celsius}, {@code controller_temperature_celsius},
 * {@code spares_percentage}, {@code alarm_temperature}, {@code alarm_controller_temperature},
 * {@code alarm_spares}, {@code alarm_enabled_media_temperature}, {@code temperature_threshold},
 * {@code alarm_enabled_ctrl_temperature}, {@code controller_temperature_threshold},
 * {@code alarm_enabled_spares}, {@code spares_threshold}, {@code life_used_percentage},
 * {@code shutdown_state} and {@code shutdown_count} (the count of dirty shutdowns).
 *
 * <p>As the {@link OcxlCommand#HEALTH} package, 32 bytes: u8 health state (0 ok .. 3 fatal), u8
 * spares %, u8 spares threshold %, u8 life used %, u8 flags (bit 0 alarm temperature, 1 alarm
 * controller temperature, 2 alarm spares, 3..5 those alarms enabled, 6 dirty shutdown), 3 reserved,
 * s32 temperature, s32 controller temperature, s32 temperature threshold, s32 controller
 * temperature threshold (all in 1/16 °C, ndctl's unit), u64 shutdown count.
 */
public record Health(
        HealthState healthState,
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
        long shutdownCount) {

    public static final int BYTES = 32;

    public Health {
        Le.percent(sparesPercentage, "spares");
        Le.percent(sparesThreshold, "spares threshold");
        Le.percent(lifeUsedPercentage, "life used");
        if (shutdownCount < 0) {
            throw new IllegalArgumentException("shutdown count " + shutdownCount + " is negative");
        }
    }

    /** ndctl's {@code shutdown_state}. */
    public String shutdownState() {
        return dirtyShutdown ? "dirty" : "clean";
    }

    public Health withState(HealthState state) {
        return new Health(state, temperatureCelsius, controllerTemperatureCelsius, sparesPercentage, alarmTemperature,
                alarmControllerTemperature, alarmSpares, alarmEnabledMediaTemperature, temperatureThreshold,
                alarmEnabledCtrlTemperature, controllerTemperatureThreshold, alarmEnabledSpares, sparesThreshold,
                lifeUsedPercentage, dirtyShutdown, shutdownCount);
    }

    /**
     * The health a SMART answer describes ({@link SmartAttribute} says which attribute holds what).
     * The state is critical when the spares alarm has tripped or no life remains, non-critical
     * when a temperature alarm has tripped, ok otherwise; fatal is the controller's CHI state,
     * which SMART does not report ({@link #withState}).
     */
    public static Health fromSmart(SmartData smart) {
        SmartAttribute temperature = smart.require(SmartAttribute.TEMPERATURE, "media temperature");
        SmartAttribute controller = smart.require(SmartAttribute.CONTROLLER_TEMPERATURE, "controller temperature");
        SmartAttribute spares = smart.require(SmartAttribute.AVAILABLE_SPARES, "available spares");
        SmartAttribute life = smart.require(SmartAttribute.LIFE_REMAINING, "life remaining");
        SmartAttribute count = smart.require(SmartAttribute.DIRTY_SHUTDOWN_COUNT, "dirty shutdown count");
        SmartAttribute last = smart.require(SmartAttribute.LAST_SHUTDOWN, "last shutdown");
        if (spares.current() > 100 || spares.threshold() > 100 || life.current() > 100) {
            throw new MalformedPayloadException("SMART percentages out of range: spares " + spares.current()
                    + "%, spares threshold " + spares.threshold() + "%, life remaining " + life.current() + "%");
        }
        if (count.raw() < 0) {
            throw new MalformedPayloadException("SMART dirty shutdown count " + Long.toUnsignedString(count.raw())
                    + " is past 2^63");
        }
        int lifeUsed = 100 - life.current();
        HealthState state = spares.alarmTripped() || lifeUsed >= 100 ? HealthState.CRITICAL
                : temperature.alarmTripped() || controller.alarmTripped() ? HealthState.NON_CRITICAL
                : HealthState.OK;
        return new Health(state, temperature.celsius(), controller.celsius(), spares.current(),
                temperature.alarmTripped(), controller.alarmTripped(), spares.alarmTripped(),
                temperature.alarmEnabled(), temperature.threshold(), controller.alarmEnabled(), controller.threshold(),
                spares.alarmEnabled(), spares.threshold(), lifeUsed, last.current() != 0, count.raw());
    }

    public byte[] toPackage() {
        ByteBuffer b = Le.allocate(BYTES);
        b.put((byte) healthState.ordinal()).put((byte) sparesPercentage).put((byte) sparesThreshold)
                .put((byte) lifeUsedPercentage);
        int flags = bit(alarmTemperature, 0) | bit(alarmControllerTemperature, 1) | bit(alarmSpares, 2)
                | bit(alarmEnabledMediaTemperature, 3) | bit(alarmEnabledCtrlTemperature, 4)
                | bit(alarmEnabledSpares, 5) | bit(dirtyShutdown, 6);
        b.put((byte) flags).put(new byte[3]);
        b.putInt(sixteenths(temperatureCelsius)).putInt(sixteenths(controllerTemperatureCelsius));
        b.putInt(sixteenths(temperatureThreshold)).putInt(sixteenths(controllerTemperatureThreshold));
        b.putLong(shutdownCount);
        return b.array();
    }

    public static Health fromPackage(byte[] data) {
        Le.exactly(data, BYTES, "health package");
        ByteBuffer b = Le.wrap(data);
        int state = data[0] & 0xFF;
        if (state >= HealthState.values().length) {
            throw new MalformedPayloadException("health package: health state " + state + " is not 0..3");
        }
        int flags = data[4] & 0xFF;
        if (flags >>> 7 != 0) {
            throw new MalformedPayloadException(String.format("health package: undefined flags 0x%02x", flags));
        }
        try {
            return new Health(HealthState.values()[state], b.getInt(8) / 16.0, b.getInt(12) / 16.0, data[1] & 0xFF,
                    (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0, (flags & 8) != 0, b.getInt(16) / 16.0,
                    (flags & 16) != 0, b.getInt(20) / 16.0, (flags & 32) != 0, data[2] & 0xFF, data[3] & 0xFF,
                    (flags & 64) != 0, b.getLong(24));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException("health package: " + e.getMessage());
        }
    }

    private static int bit(boolean value, int bit) {
        return value ? 1 << bit : 0;
    }

    private static int sixteenths(double celsius) {
        return (int) Math.round(celsius * 16);
    }
}
