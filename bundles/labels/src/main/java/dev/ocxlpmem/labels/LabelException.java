package dev.ocxlpmem.labels;

import java.util.List;

import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * A label operation was refused or failed; nothing was written unless the message says so. The
 * message is one line a person can act on; {@link #problems()} lists what validation found.
 */
public class LabelException extends NvdimmException {
    private static final long serialVersionUID = 1L;
    private final transient List<LabelProblem> problems;

    public LabelException(String message) {
        this(message, List.of());
    }

    public LabelException(String message, List<LabelProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public LabelException(String message, Throwable cause) {
        super(message, cause);
        this.problems = List.of();
    }

    public List<LabelProblem> problems() {
        return problems == null ? List.of() : problems;
    }
}
