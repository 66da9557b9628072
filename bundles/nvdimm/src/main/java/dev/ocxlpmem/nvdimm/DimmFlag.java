package dev.ocxlpmem.nvdimm;

/** DIMM flags ({@code NDD_*} in Linux {@code include/linux/libnvdimm.h}). */
public enum DimmFlag {
    /** The DIMM carries namespace labels ({@code NDD_LABELING}, formerly {@code NDD_ALIASING}). */
    LABELING,
    /** The DIMM's security is locked: its label area cannot be read or written ({@code NDD_LOCKED}). */
    LOCKED,
    /** Namespaces on this DIMM may not be created or changed ({@code NDD_UNARMED}). */
    UNARMED
}
