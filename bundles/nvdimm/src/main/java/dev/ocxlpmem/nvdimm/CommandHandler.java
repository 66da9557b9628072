package dev.ocxlpmem.nvdimm;

/**
 * A provider's command entry point ({@code nvdimm_bus_descriptor.ndctl}). The bus calls it only
 * with commands in the DIMM's mask, and for {@code ND_CMD_CALL} only with a family in the bus's
 * family mask.
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * @throws CommandException when the provider could not carry the command out (bad offset,
     *     media error, ...); nothing has changed in that case unless the message says otherwise
     */
    <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException;
}
