package dev.ocxlpmem.labels.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.labels.LabelProblem;

/** Collects problems, keeping the first {@link #LIMIT} and counting the rest. */
final class ProblemList {
    static final int LIMIT = 1000;
    private final List<LabelProblem> kept = new ArrayList<>();
    private int dropped;
    private boolean droppedError;
    private int errors;

    void add(LabelProblem p) {
        if (p.isError()) {
            errors++;
        }
        if (kept.size() < LIMIT) {
            kept.add(p);
        } else {
            dropped++;
            droppedError |= p.isError();
        }
    }

    void addAll(List<LabelProblem> ps) {
        ps.forEach(this::add);
    }

    int errors() {
        return errors;
    }

    List<LabelProblem> toList() {
        List<LabelProblem> all = new ArrayList<>(kept);
        if (dropped > 0) {
            all.add(new LabelProblem(droppedError ? LabelProblem.Severity.ERROR : LabelProblem.Severity.WARNING,
                    "label area", "problems", "at most " + LIMIT + " listed", dropped + " more"));
        }
        return all;
    }
}
