package dev.ocxlpmem.namespaces;

import java.util.Locale;

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

    /**
     * Parses a mode as {@code ndctl create-namespace -m} does: {@code raw}, {@code sector},
     * {@code fsdax}, {@code devdax} and the older names {@code safe}, {@code memory} and
     * {@code dax}, in any case.
     *
     * @throws NamespaceException for anything else, naming the accepted modes
     */
    public static NamespaceMode parse(String mode) throws NamespaceException {
        String m = mode == null ? "" : mode.toLowerCase(Locale.ROOT);
        switch (m) {
            case "raw":
                return RAW;
            case "sector":
            case "safe":
                return SECTOR;
            case "fsdax":
            case "memory":
                return FSDAX;
            case "devdax":
            case "dax":
                return DEVDAX;
            default:
                throw new NamespaceException("invalid mode '" + mode + "': use raw, sector, fsdax or devdax");
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
