package dev.ocxlpmem.emulator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.ocxlpmem.ocxl.AfuInterrupt;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.InterruptHandler;
import dev.ocxlpmem.ocxl.OcxlException;

final class EmulatedContext implements Context {
    private final EmulatedAfu afu;
    private final List<EmulatedInterrupt> interrupts = new ArrayList<>();
    /** The context's interrupt thread, started with its first interrupt. */
    private ExecutorService delivery;
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
    public synchronized AfuInterrupt allocateInterrupt(InterruptHandler handler) throws OcxlException {
        if (freed) {
            throw new OcxlException(afu.name() + ": context was freed");
        }
        if (delivery == null) {
            delivery = Executors.newSingleThreadExecutor(r -> {
                Thread t = new Thread(r, "ocxl " + afu.name() + " interrupts");
                t.setDaemon(true);
                return t;
            });
        }
        EmulatedInterrupt irq = afu.interrupts().allocate(handler, delivery);
        interrupts.add(irq);
        return irq;
    }

    @Override
    public synchronized void close() {
        attached = false;
        if (!freed) {
            freed = true;
            interrupts.forEach(EmulatedInterrupt::close);
            interrupts.clear();
            if (delivery != null) {
                delivery.shutdown(); // a handler running now finishes; nothing new is delivered
            }
            afu.freed(this);
        }
    }
}
