package dev.ocxlpmem.namespaces;

/**
 * A namespace operation was refused: a request that does not fit, a bad argument, metadata that
 * Linux would not accept. The message is one line a person can act on; nothing was written.
 */
public class NamespaceException extends Exception {
    private static final long serialVersionUID = 1L;

    public NamespaceException(String message) {
        super(message);
    }

    public NamespaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
