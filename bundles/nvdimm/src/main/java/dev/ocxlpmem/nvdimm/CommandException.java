package dev.ocxlpmem.nvdimm;

/** A DIMM command failed in the provider, or was refused (see {@link CommandRefusedException}). */
public class CommandException extends NvdimmException {
    private static final long serialVersionUID = 1L;

    public CommandException(String message) {
        super(message);
    }

    public CommandException(String message, Throwable cause) {
        super(message, cause);
    }
}
