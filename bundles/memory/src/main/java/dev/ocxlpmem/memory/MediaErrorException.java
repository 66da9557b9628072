package dev.ocxlpmem.memory;

/**
 * A fault while touching mapped memory: the kernel's machine-check-safe copy returning short.
 * The range is where the fault is known to be: the faulting access (or page of a bulk access),
 * or the whole range of a {@link CheckedView}, which does not record which access faulted.
 */
public class MediaErrorException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final long offset;
    private final long length;

    public MediaErrorException(long offset, long length, String message, Throwable cause) {
        super(message, cause);
        this.offset = offset;
        this.length = length;
    }

    /** Offset, relative to the mapping, of the range in which the fault is. */
    public long offset() {
        return offset;
    }

    /** Length of the range in which the fault is. */
    public long length() {
        return length;
    }
}
