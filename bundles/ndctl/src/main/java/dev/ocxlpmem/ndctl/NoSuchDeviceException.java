package dev.ocxlpmem.ndctl;

import dev.ocxlpmem.nvdimm.NvdimmException;

/** A name that names no bus, DIMM or region; the message lists the ones there are. */
public class NoSuchDeviceException extends NvdimmException {
    private static final long serialVersionUID = 1L;

    public NoSuchDeviceException(String message) {
        super(message);
    }
}
