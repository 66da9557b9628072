package dev.ocxlpmem.nvdimm;

import java.util.Set;

/**
 * The {@code ND_CMD_CALL} functions a DIMM offers in one command family: Linux's per-family
 * function mask ({@code dsm_mask}).
 *
 * @param family the command family, e.g. {@link CommandFamily#OCXL}
 * @param functions the function numbers the DIMM accepts in that family
 * @param queries the functions among them that change nothing on the DIMM (health, logs,
 *     statistics), and so remain allowed while the DIMM is read-only
 */
public record FamilyFunctions(int family, Set<Integer> functions, Set<Integer> queries) {
    public FamilyFunctions {
        functions = Set.copyOf(functions);
        queries = Set.copyOf(queries);
        if (!functions.containsAll(queries)) {
            throw new IllegalArgumentException("family " + family + ": queries " + queries
                    + " must be among the functions " + functions);
        }
    }
}
