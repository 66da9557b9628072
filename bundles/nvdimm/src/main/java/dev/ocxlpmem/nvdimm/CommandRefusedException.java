package dev.ocxlpmem.nvdimm;

/**
 * The bus refused a command before the provider saw it: the message names what was asked and
 * what would be allowed. Nothing changed.
 */
public class CommandRefusedException extends CommandException {
    private static final long serialVersionUID = 1L;

    public CommandRefusedException(String message) {
        super(message);
    }
}
