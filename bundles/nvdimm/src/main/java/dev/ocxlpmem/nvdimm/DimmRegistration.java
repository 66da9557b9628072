package dev.ocxlpmem.nvdimm;

/** A provider's handle on one of its DIMMs. */
public interface DimmRegistration {

    /** The DIMM as clients see it. */
    Dimm dimm();

    /**
     * Marks the DIMM read-only (or writable again): the bus then refuses the commands that change
     * it. For a device that can no longer be written safely, e.g. one whose media went away.
     */
    void setReadOnly(boolean readOnly);

    /** {@code ndctl enable-dimm}/{@code disable-dimm} as the provider sees it; publishes an event. */
    void setEnabled(boolean enabled);
}
