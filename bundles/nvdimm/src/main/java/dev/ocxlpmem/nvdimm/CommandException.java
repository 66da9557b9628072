package dev.ocxlpmem.nvdimm;

/** A DIMM command was refused by the bus or failed in the provider. */
public class CommandException extends NvdimmException {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
