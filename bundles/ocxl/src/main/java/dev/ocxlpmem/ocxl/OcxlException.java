package dev.ocxlpmem.ocxl;

/** An OpenCAPI function could not do what was asked; the message says which function and why. */
public class OcxlException extends Exception {
    private static final long serialVersionUID = 1L;

    public OcxlException(String message) {
        super(message);
    }

    public OcxlException(String message, Throwable cause) {
        super(message, cause);
    }
}
