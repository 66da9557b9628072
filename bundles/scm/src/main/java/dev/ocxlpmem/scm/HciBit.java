package dev.ocxlpmem.scm;

import java.util.EnumSet;
import java.util.Set;

/** Bits of the HCI register (host doorbells). */
public enum HciBit {
    /** Admin command request written. */
    ACRW(0),
    /** Near-storage command request written. */
    NSCRW(1),
    /** AFU reset: the controller resets, and activates an armed firmware image. */
    AFU_RESET(2),
    /** Firmware debug enabled (FW_DEBUG commands are refused without it). */
    FW_DEBUG(3),
    /** Collect a controller dump; cleared by the controller when the dump is available (CHI.CDA). */
    CONTROLLER_DUMP(4),
    /** The host has read the controller dump; the controller discards it. */
    CONTROLLER_DUMP_COLLECTED(5),
    /** Request health and performance data (reported as an error log entry). */
    REQUEST_HEALTH_PERF(6);

    private final int bit;

    HciBit(int bit) {
        this.bit = bit;
    }

    public int bit() {
        return bit;
    }

    public long mask() {
        return 1L << bit;
    }

    public boolean isSet(long hci) {
        return (hci & mask()) != 0;
    }

    public static Set<HciBit> decode(long hci) {
        Set<HciBit> set = EnumSet.noneOf(HciBit.class);
        for (HciBit b : values()) {
            if (b.isSet(hci)) {
                set.add(b);
            }
        }
        return set;
    }

    /** For messages: {@code HCI=0x1 [ACRW]}. */
    public static String describe(long hci) {
        return Le.describe("HCI", hci, decode(hci));
    }
}
