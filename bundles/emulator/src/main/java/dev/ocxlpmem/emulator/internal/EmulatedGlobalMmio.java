package dev.ocxlpmem.emulator.internal;

import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlException;

/** The host's mapping of the controller's global MMIO area. */
final class EmulatedGlobalMmio implements GlobalMmio {
    private final EmulatedAfu afu;
    private final Controller controller;
    private volatile boolean closed;

    EmulatedGlobalMmio(EmulatedAfu afu, Controller controller) {
        this.afu = afu;
        this.controller = controller;
    }

    @Override
    public long size() {
        return Controller.MMIO_SIZE;
    }

    private void check(long offset) throws OcxlException {
        if (offset < 0 || offset > Controller.MMIO_SIZE - 8 || (offset & 7) != 0) {
            throw new IndexOutOfBoundsException(String.format("global MMIO offset 0x%x: 64-bit accesses need an "
                    + "8-byte aligned offset below 0x%x", offset, Controller.MMIO_SIZE - 7));
        }
        if (closed) {
            throw new OcxlException(afu.name() + ": global MMIO was unmapped");
        }
        if (afu.isReleased()) {
            throw new OcxlException(afu.name() + " was released; its global MMIO is gone");
        }
    }

    @Override
    public long read64(long offset) throws OcxlException {
        check(offset);
        return controller.read(offset);
    }

    @Override
    public void write64(long offset, long value) throws OcxlException {
        check(offset);
        controller.write(offset, value);
    }

    @Override
    public void close() {
        closed = true;
    }
}
