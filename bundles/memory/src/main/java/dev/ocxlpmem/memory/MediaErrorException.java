package dev.ocxlpmem.memory;

/** A fault while touching mapped memory: the kernel's machine-check-safe copy returning short. */
public class MediaErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public MediaErrorException(long offset, String message, Throwable cause) {
        super(message, cause);
        this.offset = offset;
    }

    /** Offset, relative to the mapping, of the access that faulted. */
    public long offset() {
        return offset;
    }
}
