package dev.ocxlpmem.btt;

import java.util.List;

import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * A BTT could not be opened or formatted: the message says why in one line, {@link #problems()}
 * lists what validation found. Nothing was written.
 */
public class BttException extends NvdimmException {
    private static final long serialVersionUID = 1L;
    private final transient List<BttProblem> problems;

    public BttException(String message) {
        this(message, List.of());
    }

    public BttException(String message, List<BttProblem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    public List<BttProblem> problems() {
        return problems == null ? List.of() : problems;
    }
}
