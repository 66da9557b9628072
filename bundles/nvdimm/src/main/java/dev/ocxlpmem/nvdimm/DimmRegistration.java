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

    /**
     * What {@link Dimm#enable()} asks of the provider before it enables the DIMM, as Linux's
     * {@code nvdimm_probe} asks the device: the check throws, with a message saying why, when the
     * DIMM cannot be used yet (its controller is still in a fatal state), and may make the DIMM
     * writable again. Without one, {@link Dimm#enable()} enables at once.
     */
    void setEnableCheck(EnableCheck check);

    /**
     * Marks the DIMM in overwrite (Linux's {@code NDD_SECURITY_OVERWRITE}): an overwrite runs on it,
     * or one ran and did not complete, so its media holds old data beside new; no region on it can
     * be enabled until the mark is taken away. Setting it is refused while a region on the DIMM is
     * enabled (its driver would read media being rewritten), atomically with region enables.
     *
     * @throws CommandRefusedException naming the enabled region; the mark is not set then
     */
    void setInOverwrite(boolean inOverwrite) throws CommandRefusedException;

    /** The provider's side of {@link Dimm#enable()}. */
    @FunctionalInterface
    interface EnableCheck {
        void check() throws NvdimmException;
    }
}
