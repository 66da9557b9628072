package dev.ocxlpmem.nvdimm;

/**
 * A command was refused before anything changed: by the bus (not supported, not permitted by the
 * DIMM's command mask) or by the provider (bad input, a state that does not allow it). The message
 * names what was asked and what would be allowed. Unlike a plain {@link CommandException}, this is
 * not a fault of the device.
 */
public class CommandRefusedException extends CommandException {
    private static final long serialVersionUID = 1L;

    public CommandRefusedException(String message) {
        super(message);
    }
}
