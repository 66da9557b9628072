package dev.ocxlpmem.nvdimm;

import java.util.Arrays;
import java.util.Optional;

/** DIMM command numbers, as Linux {@code include/uapi/linux/ndctl.h} defines them. */
public enum NdCommand {
    SMART(1),
    SMART_THRESHOLD(2),
    DIMM_FLAGS(3),
    GET_CONFIG_SIZE(4),
    GET_CONFIG_DATA(5),
    SET_CONFIG_DATA(6),
    VENDOR_EFFECT_LOG_SIZE(7),
    VENDOR_EFFECT_LOG(8),
    VENDOR(9),
    CALL(10);

    private final int number;

    NdCommand(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }

    /** The name as ndctl.h spells it, e.g. {@code ND_CMD_GET_CONFIG_SIZE}. */
    public String ndName() {
        return "ND_CMD_" + name();
    }

    public static Optional<NdCommand> of(int number) {
        return Arrays.stream(values()).filter(c -> c.number == number).findFirst();
    }

    @Override
    public String toString() {
        return ndName() + " (" + number + ")";
    }
}
