package dev.ocxlpmem.ndctl;

import dev.ocxlpmem.nvdimm.NvdimmException;

/** The caller's roles do not allow the operation; the message names the role it needs. Nothing changed. */
public class NotPermittedException extends NvdimmException {
    private static final long serialVersionUID = 1L;

    public NotPermittedException(String message) {
        super(message);
    }
}
