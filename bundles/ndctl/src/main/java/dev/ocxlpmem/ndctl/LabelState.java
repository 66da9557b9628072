package dev.ocxlpmem.ndctl;

/** What a label area holds, from the worst to the best. */
public enum LabelState {
    /** A valid index, but errors in it (a label that cannot be trusted, overlaps, a wrong cookie). */
    DAMAGED,
    /** No valid index block: blank or destroyed; the region is label-less until init-labels. */
    BLANK,
    /** A valid index and labels, warnings at most. */
    VALID,
    /** The DIMM carries no labels ({@code NDD_LABELING} not set). */
    NONE
}
