package dev.ocxlpmem.nvdimm;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A DIMM on a bus ({@code struct nvdimm}), as clients see it. */
public interface Dimm {

    /** The device name, {@code nmemN}. */
    String dev();

    Bus bus();

    /** The provider's unique ID, shown by {@code ndctl list -D} as {@code id}. */
    String id();

    /** The DIMM's index on its bus, shown as {@code handle} and {@code phys_id}. */
    int handle();

    Set<DimmFlag> flags();

    /** The command mask. */
    Set<NdCommand> commands();

    /** The {@code ND_CMD_CALL} families the DIMM speaks, with their function masks. */
    List<FamilyFunctions> families();

    /** The function mask of {@code family}, if the DIMM speaks it. */
    default Optional<FamilyFunctions> family(int family) {
        return families().stream().filter(f -> f.family() == family).findFirst();
    }

    /** Whether the DIMM is enabled ({@code ndctl list} prints {@code "state":"disabled"} otherwise). */
    boolean isEnabled();

    /** Whether the provider marked the DIMM read-only: commands that change it are refused. */
    boolean isReadOnly();

    /**
     * Whether an overwrite runs on the DIMM or one did not complete ({@link DimmRegistration#setInOverwrite}):
     * no region on it can be enabled then; ndctl shows {@code "security":"overwrite"}.
     */
    boolean inOverwrite();

    /**
     * As {@code ndctl enable-dimm}: asks the provider whether the DIMM can be used
     * ({@link DimmRegistration#setEnableCheck}), then enables it. Does nothing if it is enabled.
     *
     * @throws NvdimmException with the provider's reason; the DIMM stays disabled
     */
    void enable() throws NvdimmException;

    /**
     * As {@code ndctl disable-dimm}: a disabled DIMM keeps answering commands, but no region on it
     * can be enabled (for a DIMM with labels). Does nothing if it is disabled.
     *
     * @throws NvdimmException while a region on the DIMM is enabled, naming it
     */
    void disable() throws NvdimmException;

    default boolean supports(NdCommand command) {
        return commands().contains(command);
    }

    /** Shorthand for {@code bus().call(this, command)}. */
    default <R> R call(DimmCommand<R> command) throws NvdimmException {
        return bus().call(this, command);
    }

    /**
     * The label area's geometry. Asked of the provider once, with the first call, and kept, as
     * Linux's {@code nvdimm_init_nsarea} does.
     */
    ConfigSize configSize() throws NvdimmException;

    /**
     * Reads {@code length} bytes of the label area at {@code offset}, in transfers of at most
     * max_xfer straight into the returned array, as libnvdimm's {@code nvdimm_get_config_data}.
     */
    byte[] readConfig(long offset, int length) throws NvdimmException;

    /**
     * Writes {@code data} to the label area at {@code offset}, in transfers of at most max_xfer
     * sent from {@code data} itself (no copies); each is durable when it returns. The range is
     * checked whole before the first transfer, so a write that cannot fit changes nothing.
     */
    void writeConfig(long offset, byte[] data) throws NvdimmException;
}
