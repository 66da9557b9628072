package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;

/**
 * What {@link Opcode#INJECT_SMART} and {@link OcxlCommand#INJECT_SMART} carry: the fields of ndctl's
 * {@code inject-smart} (ndctl 76 {@code ndctl/inject-smart.c}) that are set ({@code set}, a mask of
 * the {@code *_BIT}s) or taken back to the card's stock value ({@code uninject}, of the bits marked
 * uninjectable). Three words, little-endian, as the package and as parameter words 1..3:
 *
 * <pre>
 * +0x00 u32 set, u32 uninject
 * +0x08 s32 media temperature, s32 controller temperature (1/16 °C, ndctl's unit)
 * +0x10 u16 media temperature threshold, u16 controller temperature threshold (°C),
 *       u8 spares %, u8 spares threshold %, u8 alarms enabled (bit 0 media, 1 controller, 2 spares), u8 0
 * </pre>
 *
 * This project's layout; Intel's family splits the same into SMART_INJECT and SMART_SET_THRESHOLD.
 */
public record SmartInject(int set, int uninject, int mediaTemperature, int controllerTemperature,
        int mediaTemperatureThreshold, int controllerTemperatureThreshold, int spares, int sparesThreshold,
        int alarmsEnabled) {
    public static final int MEDIA_TEMPERATURE_BIT = 1;
    public static final int MEDIA_TEMPERATURE_THRESHOLD_BIT = 1 << 1;
    public static final int MEDIA_TEMPERATURE_ALARM_BIT = 1 << 2;
    public static final int CONTROLLER_TEMPERATURE_BIT = 1 << 3;
    public static final int CONTROLLER_TEMPERATURE_THRESHOLD_BIT = 1 << 4;
    public static final int CONTROLLER_TEMPERATURE_ALARM_BIT = 1 << 5;
    public static final int SPARES_BIT = 1 << 6;
    public static final int SPARES_THRESHOLD_BIT = 1 << 7;
    public static final int SPARES_ALARM_BIT = 1 << 8;
    public static final int FATAL_BIT = 1 << 9;
    public static final int UNSAFE_SHUTDOWN_BIT = 1 << 10;
    /** The fields {@code uninject} may name. */
    public static final int UNINJECTABLE = MEDIA_TEMPERATURE_BIT | CONTROLLER_TEMPERATURE_BIT | SPARES_BIT | FATAL_BIT
            | UNSAFE_SHUTDOWN_BIT;
    public static final int ALL = (1 << 11) - 1;
    public static final int MEDIA_ALARM = 1;
    public static final int CONTROLLER_ALARM = 1 << 1;
    public static final int SPARES_ALARM = 1 << 2;
    public static final int BYTES = 24;

    public SmartInject {
        if ((set & ~ALL) != 0 || (uninject & ~UNINJECTABLE) != 0) {
            throw new IllegalArgumentException(String.format("smart injection fields 0x%x, uninjected 0x%x: "
                    + "unknown bits", set, uninject));
        }
        if ((set & uninject) != 0) {
            throw new IllegalArgumentException(String.format("smart injection: fields 0x%x both set and uninjected",
                    set & uninject));
        }
        range("media temperature threshold", mediaTemperatureThreshold, 0xFFFF);
        range("controller temperature threshold", controllerTemperatureThreshold, 0xFFFF);
        range("spares", spares, 100);
        range("spares threshold", sparesThreshold, 100);
        range("alarms", alarmsEnabled, 7);
    }

    private static void range(String what, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside 0.." + max);
        }
    }

    public boolean sets(int bit) {
        return (set & bit) != 0;
    }

    public boolean uninjects(int bit) {
        return (uninject & bit) != 0;
    }

    /** Parameter words 1..3 of the request. */
    public long[] words() {
        ByteBuffer b = Le.wrap(toPackage());
        return new long[] {b.getLong(0), b.getLong(8), b.getLong(16)};
    }

    public static SmartInject fromWords(long w1, long w2, long w3) {
        return fromPackage(Le.allocate(BYTES).putLong(w1).putLong(w2).putLong(w3).array());
    }

    public byte[] toPackage() {
        return Le.allocate(BYTES).putInt(set).putInt(uninject).putInt(mediaTemperature).putInt(controllerTemperature)
                .putShort((short) mediaTemperatureThreshold).putShort((short) controllerTemperatureThreshold)
                .put((byte) spares).put((byte) sparesThreshold).put((byte) alarmsEnabled).put((byte) 0).array();
    }

    public static SmartInject fromPackage(byte[] data) {
        Le.exactly(data, BYTES, "smart injection package");
        ByteBuffer b = Le.wrap(data);
        try {
            return new SmartInject(b.getInt(0), b.getInt(4), b.getInt(8), b.getInt(12), b.getShort(16) & 0xFFFF,
                    b.getShort(18) & 0xFFFF, b.get(20) & 0xFF, b.get(21) & 0xFF, b.get(22) & 0xFF);
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(e.getMessage());
        }
    }
}
