package dev.ocxlpmem.nvdimm;

import java.util.Set;

/** A DIMM on a bus ({@code struct nvdimm}). */
public interface Dimm {

    /** The device name, {@code nmemN}. */
    String dev();

    Bus bus();

    String id();

    /** The DIMM's index on its bus (ndctl's {@code handle} for non-NFIT DIMMs). */
    int handle();

    Set<DimmFlag> flags();

    Set<NdCommand> commands();

    /** The {@code ND_CMD_CALL} family the DIMM speaks, or -1. */
    int family();

    default boolean supports(NdCommand command) {
        return commands().contains(command);
    }

    /** Shorthand for {@code bus().call(this, command)}. */
    default <R> R call(DimmCommand<R> command) throws NvdimmException {
        return bus().call(this, command);
    }

    /** The label area's geometry. */
    ConfigSize configSize() throws NvdimmException;

    /**
     * Reads {@code length} bytes of the label area at {@code offset}, split into transfers of at
     * most max_xfer, as libnvdimm's {@code nvdimm_get_config_data} does.
     */
    byte[] readConfig(long offset, int length) throws NvdimmException;

    /**
     * Writes {@code data} to the label area at {@code offset}, split into transfers of at most
     * max_xfer; each transfer is durable when it returns. The range is checked whole before the
     * first transfer, so a write that cannot fit changes nothing.
     */
    void writeConfig(long offset, byte[] data) throws NvdimmException;
}
