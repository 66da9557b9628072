package dev.ocxlpmem.nvdimm;

/**
 * An nvdimm operation was refused or failed; the message says which object and why.
 *
 * <p>A refusal is this code's own decision, taken before anything changed (a bad name, a command
 * outside a mask, a region that must be disabled first); it carries no cause, or only refusals as
 * causes. A fault comes from below — an I/O or media error, a device that went away, a provider
 * that failed a command it was given — and may have left things half done: {@link #isFault()}
 * tells them apart, so that a console can show a refusal as a user's mistake and log a fault with
 * its stack trace, and a rewrite knows whether it may have torn something.
 */
public class NvdimmException extends Exception {
    private static final long serialVersionUID = 1L;

    public NvdimmException(String message) {
        super(message);
    }

    public NvdimmException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Whether this is a fault from below: some exception in the chain is not an
     * {@code NvdimmException}, or is a provider's {@link CommandException} rather than the bus's
     * {@link CommandRefusedException}.
     */
    public boolean isFault() {
        for (Throwable t = this; t != null; t = t.getCause()) {
            if (!(t instanceof NvdimmException) || t instanceof CommandException && !(t instanceof CommandRefusedException)) {
                return true;
            }
        }
        return false;
    }
}
