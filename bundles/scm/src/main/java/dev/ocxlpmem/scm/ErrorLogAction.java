package dev.ocxlpmem.scm;

import java.util.EnumSet;
import java.util.Set;

/**
 * Recommended actions of a general error log entry: bits of the 24-bit field at 55:32 of the
 * entry's word at +0x10 (the series' {@code OCXLPMEM_ERROR_LOG_ACTION_*}, given as bits 32, 53, 54, 55).
 */
public enum ErrorLogAction {
    RESET(0),
    CHECK_FIRMWARE(21),
    REPLACE(22),
    DUMP(23);

    private final int bit;

    ErrorLogAction(int bit) {
        this.bit = bit;
    }

    /** The bit within the 24-bit action field. */
    public int bit() {
        return bit;
    }

    static int encode(Set<ErrorLogAction> actions) {
        int field = 0;
        for (ErrorLogAction a : actions) {
            field |= 1 << a.bit;
        }
        return field;
    }

    static Set<ErrorLogAction> decode(int field) {
        Set<ErrorLogAction> set = EnumSet.noneOf(ErrorLogAction.class);
        for (ErrorLogAction a : values()) {
            if ((field & 1 << a.bit) != 0) {
                set.add(a);
            }
        }
        return set;
    }
}
