package dev.ocxlpmem.management;

import java.beans.ConstructorProperties;

/** An entry of a card controller's error log, as an open-type composite ({@code ocxl:error-log}). */
public final class ErrorLogEntryData {
    private final long logId;
    private final String type;
    private final long programReferenceCode;
    private final String actions;
    private final long powerOnSeconds;
    private final String firmwareRevision;
    private final String text;

    @ConstructorProperties({"logId", "type", "programReferenceCode", "actions", "powerOnSeconds", "firmwareRevision",
        "text"})
    public ErrorLogEntryData(long logId, String type, long programReferenceCode, String actions, long powerOnSeconds,
            String firmwareRevision, String text) {
        this.logId = logId;
        this.type = type;
        this.programReferenceCode = programReferenceCode;
        this.actions = actions;
        this.powerOnSeconds = powerOnSeconds;
        this.firmwareRevision = firmwareRevision;
        this.text = text;
    }

    public long getLogId() {
        return logId;
    }

    /** general, predictive failure, thermal warning, data loss, or health &amp; performance. */
    public String getType() {
        return type;
    }

    public long getProgramReferenceCode() {
        return programReferenceCode;
    }

    /** The recommended actions, comma separated: reset, check_firmware, replace, dump. */
    public String getActions() {
        return actions;
    }

    public long getPowerOnSeconds() {
        return powerOnSeconds;
    }

    public String getFirmwareRevision() {
        return firmwareRevision;
    }

    /** The entry's text; for a data-loss entry naming media, the range first. */
    public String getText() {
        return text;
    }
}
