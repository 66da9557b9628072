package dev.ocxlpmem.scm;

import java.util.Optional;
import java.util.Set;

/**
 * The functions of {@code ND_CMD_CALL} family {@link #FAMILY} ({@code NVDIMM_FAMILY_OCXL}), what a
 * consumer sends through the bus and the driver answers. The series' own SMART patch numbered
 * {@code ND_CMD_OCXL_SMART} 1; the others are this project's. Input and output are the
 * {@code nd_payload} of the package, little-endian:
 *
 * <table>
 * <caption>inputs and outputs</caption>
 * <tr><th>function</th><th>input</th><th>output</th></tr>
 * <tr><td>SMART</td><td>none</td><td>{@link SmartData#toPackage()}</td></tr>
 * <tr><td>ERROR_LOG</td><td>none</td><td>{@link ErrorLog#toPackage()}: the entries the driver has read</td></tr>
 * <tr><td>CONTROLLER_STATS</td><td>none</td><td>{@link ControllerStats#toDataBuffer()}</td></tr>
 * <tr><td>FIRMWARE_UPDATE_START</td><td>{@link FirmwareUpdateStart}</td><td>none</td></tr>
 * <tr><td>FIRMWARE_UPDATE_SEND</td><td>{@link FirmwareUpdateSend}</td><td>none</td></tr>
 * <tr><td>FIRMWARE_UPDATE_ACTIVATE</td><td>none</td><td>{@link FirmwareState}</td></tr>
 * <tr><td>FIRMWARE_UPDATE_STATUS</td><td>none</td><td>{@link FirmwareState}</td></tr>
 * <tr><td>CONTROLLER_DUMP</td><td>none</td><td>the dump's bytes</td></tr>
 * <tr><td>HEARTBEAT</td><td>none</td><td>none</td></tr>
 * <tr><td>OVERWRITE</td><td>none</td><td>none (the overwrite runs in the background)</td></tr>
 * <tr><td>OVERWRITE_STATUS</td><td>none</td><td>{@link OverwriteState}</td></tr>
 * <tr><td>HEALTH</td><td>none</td><td>{@link Health}</td></tr>
 * <tr><td>FIRMWARE_UPDATE_FINISH</td><td>none</td><td>{@link FirmwareState}: the image checked and
 * armed; it becomes active at the next controller reset (or FIRMWARE_UPDATE_ACTIVATE)</td></tr>
 * <tr><td>INJECT_SMART</td><td>{@link SmartInject}</td><td>none</td></tr>
 * <tr><td>INJECT_ERROR</td><td>{@link ErrorInject}</td><td>none</td></tr>
 * <tr><td>INJECT_ERROR_CLEAR</td><td>{@link ErrorInject}</td><td>none</td></tr>
 * <tr><td>INJECT_ERROR_STATUS</td><td>none</td><td>{@link InjectedErrors#toPackage()}</td></tr>
 * </table>
 *
 * <p>{@link OcxlRequest} builds each request and decodes its answer, for consumers.
 */
public enum OcxlCommand {
    SMART(1),
    ERROR_LOG(2),
    CONTROLLER_STATS(3),
    FIRMWARE_UPDATE_START(4),
    FIRMWARE_UPDATE_SEND(5),
    FIRMWARE_UPDATE_ACTIVATE(6),
    FIRMWARE_UPDATE_STATUS(7),
    CONTROLLER_DUMP(8),
    HEARTBEAT(9),
    OVERWRITE(10),
    OVERWRITE_STATUS(11),
    HEALTH(12),
    FIRMWARE_UPDATE_FINISH(13),
    INJECT_SMART(14),
    INJECT_ERROR(15),
    INJECT_ERROR_CLEAR(16),
    INJECT_ERROR_STATUS(17);

    /** {@code NVDIMM_FAMILY_OCXL}, as the series' SMART patch added it to ndctl.h. */
    public static final int FAMILY = 6;

    private final int number;

    OcxlCommand(int number) {
        this.number = number;
    }

    /** The {@code nd_command} of the package. */
    public int number() {
        return number;
    }

    /** {@code ND_CMD_OCXL_SMART}. */
    public String ndName() {
        return "ND_CMD_OCXL_" + name();
    }

    public static Optional<OcxlCommand> of(long number) {
        for (OcxlCommand c : values()) {
            if (c.number == number) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** A function mask as libnvdimm keeps it: bit n set for function n. */
    public static long mask(Set<OcxlCommand> commands) {
        long mask = 0;
        for (OcxlCommand c : commands) {
            mask |= 1L << c.number;
        }
        return mask;
    }

    /** Refuses input for a function that takes none. */
    public void requireNoInput(byte[] input) {
        if (input.length != 0) {
            throw new MalformedPayloadException(ndName() + " takes no input; " + input.length + " bytes were given");
        }
    }

    @Override
    public String toString() {
        return ndName() + " (" + number + ")";
    }
}
