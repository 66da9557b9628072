package dev.ocxlpmem.nvdimm;

/** An nvdimm operation was refused or failed; the message says which object and why. */
public class NvdimmException extends Exception {
    private static final long serialVersionUID = 1L;

    public NvdimmException(String message) {
        super(message);
    }

    public NvdimmException(String message, Throwable cause) {
        super(message, cause);
    }
}
