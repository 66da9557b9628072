package dev.ocxlpmem.ndctl;

/** What a label area holds, from the worst to the best. */
public enum LabelState {
    /**
     * The area cannot be trusted as it reads: errors in its index or labels (a label that cannot be
     * trusted, overlaps, a wrong cookie), a current index block damaged so that it reads one update
     * older, or no valid index block at all in an area that is not blank (its region does not
     * enable then).
     */
    DAMAGED,
    /** Blank: every byte zero; the region is label-less until init-labels. */
    BLANK,
    /** A valid index and labels, warnings at most. */
    VALID,
    /** The DIMM carries no labels ({@code NDD_LABELING} not set). */
    NONE
}
