package dev.ocxlpmem.scm;

/**
 * One SMART attribute: two words (the series' RFC {@code read_smart_attrib}). Word 0 holds the id
 * (63:56), flags (55:40), current value (39:32), threshold (31:24) and worst value (23:16);
 * word 1 the raw value.
 *
 * <p>The series named three ids (0x09, 0xC2, 0xCA) and called the format proprietary. The others,
 * and what each field means per id, are this project's, so that a card can report what ndctl's
 * health shows (see {@link Health#fromSmart}).
 */
public record SmartAttribute(int id, int flags, int current, int threshold, int worst, long raw) {
    /** Power-on hours: raw. */
    public static final int POWER_ON_HOURS = 0x09;
    /** Media temperature: raw in 1/16 °C (signed); threshold the alarm threshold in °C. */
    public static final int TEMPERATURE = 0xC2;
    /** Controller temperature: as {@link #TEMPERATURE}. */
    public static final int CONTROLLER_TEMPERATURE = 0xC3;
    /** Life remaining: current in percent. */
    public static final int LIFE_REMAINING = 0xCA;
    /** Available spare media: current in percent; threshold the alarm threshold in percent. */
    public static final int AVAILABLE_SPARES = 0xE8;
    /** Dirty (unexpected) shutdowns: raw, the count over the card's life. */
    public static final int DIRTY_SHUTDOWN_COUNT = 0xAE;
    /** The last shutdown: current 0 clean, 1 dirty. */
    public static final int LAST_SHUTDOWN = 0xAF;
    /**
     * An overwrite (SECURE_ERASE) that did not complete, cut off by a power loss or a reset: only
     * present then, until an overwrite completes; current is how far it had come, in percent.
     */
    public static final int OVERWRITE_INCOMPLETE = 0xF0;

    /** Flags: the attribute's alarm has tripped. */
    public static final int ALARM_TRIPPED = 0x1;
    /** Flags: the attribute's alarm is enabled. */
    public static final int ALARM_ENABLED = 0x2;

    public static final int BYTES = 16;

    public SmartAttribute {
        Le.u8(id, "SMART attribute id");
        if (flags < 0 || flags > 0xFFFF) {
            throw new IllegalArgumentException("SMART attribute flags " + flags + " do not fit 16 bits");
        }
        Le.u8(current, "SMART current value");
        Le.u8(threshold, "SMART threshold");
        Le.u8(worst, "SMART worst value");
    }

    public long word0() {
        return (long) id << 56 | (long) flags << 40 | (long) current << 32 | (long) threshold << 24 | (long) worst << 16;
    }

    public static SmartAttribute decode(long word0, long raw) {
        return new SmartAttribute((int) (word0 >>> 56), (int) ((word0 >>> 40) & 0xFFFF), (int) ((word0 >>> 32) & 0xFF),
                (int) ((word0 >>> 24) & 0xFF), (int) ((word0 >>> 16) & 0xFF), raw);
    }

    public boolean alarmTripped() {
        return (flags & ALARM_TRIPPED) != 0;
    }

    public boolean alarmEnabled() {
        return (flags & ALARM_ENABLED) != 0;
    }

    /** A raw temperature in 1/16 °C as degrees. */
    public double celsius() {
        return raw / 16.0;
    }
}
