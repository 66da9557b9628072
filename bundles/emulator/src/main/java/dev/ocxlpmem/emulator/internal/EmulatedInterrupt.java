package dev.ocxlpmem.emulator.internal;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.ocxl.AfuInterrupt;
import dev.ocxlpmem.ocxl.InterruptHandler;

/** An interrupt a context allocated; raising it runs the handler on the context's interrupt thread. */
final class EmulatedInterrupt implements AfuInterrupt {
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedInterrupt.class);

    private final long handle;
    private final InterruptHandler handler;
    private final Executor delivery;
    private final InterruptTable table;
    private volatile boolean freed;

    EmulatedInterrupt(long handle, InterruptHandler handler, Executor delivery, InterruptTable table) {
        this.handle = handle;
        this.handler = handler;
        this.delivery = delivery;
        this.table = table;
    }

    @Override
    public long handle() {
        return handle;
    }

    void raise() {
        if (freed) {
            return;
        }
        try {
            delivery.execute(this::deliver);
        } catch (RejectedExecutionException contextClosed) {
            // the context is being freed: the interrupt goes nowhere, as on hardware
        }
    }

    private void deliver() {
        if (freed) {
            return;
        }
        try {
            handler.interrupted(this);
        } catch (RuntimeException e) {
            LOG.warn("AFU interrupt 0x{} handler failed: {}", Long.toHexString(handle), e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        freed = true;
        table.free(this);
    }
}
