package dev.ocxlpmem.management;

import java.beans.ConstructorProperties;

/** One thing wrong with a label area, as an open-type composite ({@code ndctl check-labels -v}). */
public final class LabelProblemData {
    private final String severity;
    private final String where;
    private final String field;
    private final String expected;
    private final String found;
    private final String text;

    @ConstructorProperties({"severity", "where", "field", "expected", "found", "text"})
    public LabelProblemData(String severity, String where, String field, String expected, String found, String text) {
        this.severity = severity;
        this.where = where;
        this.field = field;
        this.expected = expected;
        this.found = found;
        this.text = text;
    }

    /** {@code ERROR} or {@code WARNING}. */
    public String getSeverity() {
        return severity;
    }

    /** {@code label area}, {@code index block N} or {@code slot N}. */
    public String getWhere() {
        return where;
    }

    public String getField() {
        return field;
    }

    public String getExpected() {
        return expected;
    }

    public String getFound() {
        return found;
    }

    /** The one line {@code check-labels} prints. */
    public String getText() {
        return text;
    }
}
