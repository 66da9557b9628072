package dev.ocxlpmem.nvdimm;

/**
 * Where writes become persistent, as a region declares it (Linux {@code ND_REGION_PERSIST_*},
 * shown by {@code ndctl list -R} as {@code persistence_domain}).
 */
public enum PersistenceDomain {
    /** {@code ND_REGION_PERSIST_CACHE}: CPU caches are flushed on power loss. */
    CPU_CACHE("cpu_cache"),
    /** {@code ND_REGION_PERSIST_MEMCTRL}: writes are safe once they reach the memory controller. */
    MEMORY_CONTROLLER("memory_controller"),
    /** The provider says nothing is persistent. */
    NONE("none"),
    /** The provider declares neither flag, as the OpenCAPI driver does. */
    UNKNOWN("unknown");

    private final String ndctlName;

    PersistenceDomain(String ndctlName) {
        this.ndctlName = ndctlName;
    }

    /** As {@code ndctl list} prints it. */
    public String ndctlName() {
        return ndctlName;
    }
}
