package dev.ocxlpmem.nvdimm;

import java.util.List;
import java.util.Set;

/** A registered nvdimm bus ({@code struct nvdimm_bus}), as clients see it. */
public interface Bus {

    /** The device name, {@code ndbusN}. */
    String dev();

    /** The provider's name, e.g. {@code ocxlpmem}. */
    String provider();

    /** The {@code ND_CMD_CALL} families the bus lets through to its DIMMs (its family mask). */
    Set<Integer> families();

    List<Dimm> dimms();

    List<Region> regions();

    /**
     * The one way to a DIMM: checks the command, then hands it to the provider. Refused, with
     * {@link CommandRefusedException} naming what was asked and what is allowed, are: a command
     * outside the DIMM's command mask; for {@code ND_CMD_CALL} a family outside the bus's family
     * mask or the DIMM's families, or a function outside the DIMM's function mask for the family;
     * a command that changes the DIMM while the DIMM, or a region on it, is read-only;
     * {@code ND_CMD_SET_CONFIG_DATA} while a region that uses the DIMM is enabled (the region's
     * driver owns the labels then, as in Linux's {@code nd_cmd_clear_to_send}).
     *
     * @throws CommandException also when the provider fails the command, or the bus is gone
     */
    <R> R call(Dimm dimm, DimmCommand<R> command) throws NvdimmException;

    boolean isRegistered();
}
