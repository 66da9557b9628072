package dev.ocxlpmem.nvdimm;

/**
 * An nvdimm operation was refused or failed; the message says which object and why.
 *
 * <p>A refusal is this code's own decision (a bad name, a command outside a mask, a region that
 * must be disabled first) and carries no cause, or only refusals as causes. A fault comes from
 * below — an I/O or media error, a device that went away — and keeps that cause:
 * {@link #isFault()} tells them apart, so that a console can show a refusal as a user's mistake
 * and log a fault with its stack trace.
 */
public class NvdimmException extends Exception {
    private static final long serialVersionUID = 1L;

    public NvdimmException(String message) {
        super(message);
    }

    public NvdimmException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Whether some cause of this exception is not an {@code NvdimmException}: a fault from below. */
    public boolean isFault() {
        for (Throwable t = getCause(); t != null; t = t.getCause()) {
            if (!(t instanceof NvdimmException)) {
                return true;
            }
        }
        return false;
    }
}
