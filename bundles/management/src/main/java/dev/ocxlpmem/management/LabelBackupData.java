package dev.ocxlpmem.management;

import java.beans.ConstructorProperties;

/** A saved label area, as an open-type composite ({@code ndctl:list-label-backups}). */
public final class LabelBackupData {
    private final String name;
    private final String saved;
    private final String before;
    private final long size;

    @ConstructorProperties({"name", "saved", "before", "size"})
    public LabelBackupData(String name, String saved, String before, long size) {
        this.name = name;
        this.saved = saved;
        this.before = before;
        this.size = size;
    }

    /** What restoreLabels takes. */
    public String getName() {
        return name;
    }

    /** When, as an ISO-8601 instant. */
    public String getSaved() {
        return saved;
    }

    /** The command it was saved before. */
    public String getBefore() {
        return before;
    }

    public long getSize() {
        return size;
    }
}
