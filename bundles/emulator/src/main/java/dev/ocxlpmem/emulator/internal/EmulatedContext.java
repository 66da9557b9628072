package dev.ocxlpmem.emulator.internal;

import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.OcxlException;

final class EmulatedContext implements Context {
    private final EmulatedAfu afu;
    private boolean attached;
    private boolean freed;

    EmulatedContext(EmulatedAfu afu) {
        this.afu = afu;
    }

    @Override
    public synchronized void attach() throws OcxlException {
        if (freed) {
            throw new OcxlException(afu.name() + ": context was freed");
        }
        if (attached) {
            throw new OcxlException(afu.name() + ": context is already attached");
        }
        attached = true;
    }

    @Override
    public synchronized void detach() throws OcxlException {
        if (!attached) {
            throw new OcxlException(afu.name() + ": context is not attached");
        }
        attached = false;
    }

    @Override
    public synchronized boolean isAttached() {
        return attached;
    }

    @Override
    public synchronized void close() {
        attached = false;
        if (!freed) {
            freed = true;
            afu.freed(this);
        }
    }
}
