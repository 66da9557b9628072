package dev.ocxlpmem.scm;

/** ndctl's {@code health_state} values (ndctl/json-smart.c, {@code util_dimm_health_to_json}). */
public enum HealthState {
    OK("ok"),
    NON_CRITICAL("non-critical"),
    CRITICAL("critical"),
    FATAL("fatal");

    private final String ndctlName;

    HealthState(String ndctlName) {
        this.ndctlName = ndctlName;
    }

    /** As {@code ndctl list -H} prints it. */
    public String ndctlName() {
        return ndctlName;
    }
}
