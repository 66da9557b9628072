package dev.ocxlpmem.memory;

/** An access to a mapping that has been closed (for example because its device went away). */
public class MappingClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public MappingClosedException(String message) {
        super(message);
    }
}
