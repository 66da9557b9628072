package dev.ocxlpmem.labels;

import java.util.List;

/**
 * The label area is blank: every byte zero, as on a new DIMM or after {@code zero-labels} (or an
 * {@code init-labels} of such an area cut off before it sealed an index block). It holds no
 * labels and nothing that could be lost, so its region is one label-less namespace, as in Linux,
 * and {@code init-labels} may give it an index without {@code -f}. An area with no valid index
 * block that is not blank is damaged instead, and reported with a plain {@link LabelException}.
 */
public class BlankLabelAreaException extends LabelException {
    private static final long serialVersionUID = 1L;

    public BlankLabelAreaException(String message, List<LabelProblem> problems) {
        super(message, problems);
    }
}
