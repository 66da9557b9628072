package dev.ocxlpmem.namespaces;

import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * A namespace operation was refused: a request that does not fit, a bad argument, metadata that
 * Linux would not accept. The message is one line a person can act on; nothing was written. An
 * {@link NvdimmException}, so that the console and JMX treat it as the refusal it is.
 */
public class NamespaceException extends NvdimmException {
    private static final long serialVersionUID = 1L;

    public NamespaceException(String message) {
        super(message);
    }

    public NamespaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
