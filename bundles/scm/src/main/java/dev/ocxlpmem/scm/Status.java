package dev.ocxlpmem.scm;

import java.util.Optional;

/**
 * Response status codes (bits 7:0 of response word 0), with the series' texts
 * ({@code warn_status}, {@code warn_status_fw_update}).
 */
public enum Status {
    SUCCESS(0x00, "success"),
    MEMORY_UNAVAILABLE(0x20, "persistent memory unavailable"),
    /** A background task blocks the command; for FW_UPDATE: firmware update blocked. */
    BLOCKED(0x21, "blocked by a background task"),
    BAD_OPCODE(0x50, "bad opcode"),
    BAD_REQUEST_PARAMETER(0x51, "bad request parameter"),
    /** For FW_UPDATE: the firmware image is invalid. */
    BAD_DATA_PARAMETER(0x52, "bad data parameter"),
    DEBUG_BLOCKED(0x70, "debug action blocked"),
    FAILURE(0xFF, "failed");

    private final int code;
    private final String text;

    Status(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    public static Optional<Status> of(int code) {
        for (Status s : values()) {
            if (s.code == code) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }

    /** What the status means for that opcode, e.g. {@code 0x52 (firmware image invalid)}. */
    public static String describe(int code, int opcode) {
        String text = of(code).map(s -> s.text).orElse("unknown status");
        if (opcode == Opcode.FW_UPDATE.code()) {
            text = switch (code) {
                case 0x21 -> "firmware update blocked, try again later";
                case 0x51 -> "bad request parameter (firmware block offset or size)";
                case 0x52 -> "firmware image invalid";
                default -> text;
            };
        }
        return String.format("0x%02x (%s)", code, text);
    }
}
