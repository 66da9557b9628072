package dev.ocxlpmem.nvdimm;

/**
 * A provider's command entry point ({@code nvdimm_bus_descriptor.ndctl}). The bus calls it only
 * with commands that passed every check of {@link Bus#call}.
 */
@FunctionalInterface
public interface CommandHandler {

    /**
     * @param dimm the DIMM as clients see it (compare with {@link DimmRegistration#dimm()})
     * @throws CommandException when the provider could not carry the command out (bad offset,
     *     media error, ...); nothing has changed in that case unless the message says otherwise
     */
    <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException;
}
