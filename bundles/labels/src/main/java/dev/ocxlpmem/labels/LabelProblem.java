package dev.ocxlpmem.labels;

import java.util.Objects;

/**
 * One thing wrong with a label area.
 *
 * @param severity {@link Severity#ERROR} when the area or a namespace cannot be trusted;
 *     {@link Severity#WARNING} for what Linux tolerates and the next update overwrites (an
 *     invalid non-current index block) or for an unfinished update (a label still UPDATING)
 * @param where {@code label area}, {@code index block N} or {@code slot N}
 * @param field the on-media field, as {@code label.h} names it ({@code checksum}, {@code seq}, ...)
 * @param expected what the format requires
 * @param found what is there
 */
public record LabelProblem(Severity severity, String where, String field, String expected, String found) {

    /**
     * The field of the warning that the current index block is damaged and the area reads from
     * the other one, one update older, as Linux reads it ({@link #isFallback()}).
     */
    public static final String GENERATION = "generation";

    public enum Severity { ERROR, WARNING }

    public LabelProblem {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(where, "where");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(found, "found");
    }

    public static LabelProblem error(String where, String field, String expected, String found) {
        return new LabelProblem(Severity.ERROR, where, field, expected, found);
    }

    public static LabelProblem warning(String where, String field, String expected, String found) {
        return new LabelProblem(Severity.WARNING, where, field, expected, found);
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /**
     * The current index block is damaged, so the area reads one update older: a namespace
     * destroyed or changed in that update reads as before it. Linux reads such an area without a
     * word; here it is reported wherever the area is checked or its region enabled.
     */
    public boolean isFallback() {
        return field.equals(GENERATION);
    }

    /** One line: {@code index block 1: checksum: expected 0x..., found 0x...}. */
    @Override
    public String toString() {
        return (severity == Severity.WARNING ? "warning: " : "") + where + ": " + field + ": expected " + expected
                + ", found " + found;
    }
}
