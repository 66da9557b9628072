package dev.ocxlpmem.namespaces;

/**
 * How a namespace is used, as ndctl names it ({@code ndctl/filter.c util_nsmode}): what sits at
 * its start decides it (Linux {@code nd_pmem_probe}: BTT, PFN or DAX info block, or nothing).
 */
public enum NamespaceMode {
    /** The whole namespace as memory; no info block. */
    RAW("raw"),
    /** Sector-atomic block access through a BTT. */
    SECTOR("sector"),
    /** A DAX file system host: {@code NVDIMM_PFN_INFO} at 4 KiB. */
    FSDAX("fsdax"),
    /** A mappable character device: {@code NVDIMM_DAX_INFO} at 4 KiB. */
    DEVDAX("devdax");

    private final String text;

    NamespaceMode(String text) {
        this.text = text;
    }

    /** The name ndctl prints ({@code "mode":"fsdax"}). */
    public String text() {
        return text;
    }

    @Override
    public String toString() {
        return text;
    }
}
