package dev.ocxlpmem.btt;

import java.util.List;

/**
 * What checking a BTT found.
 *
 * @param version the layout found, or null when no BTT was found
 * @param arenas how many arenas were found
 * @param problems what is wrong now (after repair, what repair does not fix)
 * @param repaired what repair fixed (empty without repair)
 */
public record BttCheckResult(BttVersion version, int arenas, List<BttProblem> problems, List<BttProblem> repaired) {

    public BttCheckResult {
        problems = List.copyOf(problems);
        repaired = List.copyOf(repaired);
    }

    /** Nothing is wrong. */
    public boolean clean() {
        return problems.isEmpty();
    }
}
