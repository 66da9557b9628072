package dev.ocxlpmem.scm;

/** Error log entry types (bits 63:56 of the entry's word at +0x10; the series' {@code OCXLPMEM_ERROR_LOG_TYPE_*}). */
public enum ErrorLogType {
    GENERAL(0x00, "general"),
    PREDICTIVE_FAILURE(0x01, "predictive failure"),
    THERMAL_WARNING(0x02, "thermal warning"),
    DATA_LOSS(0x03, "data loss"),
    HEALTH_PERFORMANCE(0x04, "health & performance");

    private final int code;
    private final String text;

    ErrorLogType(int code, String text) {
        this.code = code;
        this.text = text;
    }

    public int code() {
        return code;
    }

    /** As the series' {@code decode_error_log_type} printed it. */
    public String text() {
        return text;
    }

    public static ErrorLogType of(int code) {
        for (ErrorLogType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new MalformedPayloadException(String.format("error log type 0x%02x is not one of the defined types "
                + "(0x00..0x04)", code));
    }
}
