package dev.ocxlpmem.emulator.internal;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;

import dev.ocxlpmem.ocxl.InterruptHandler;

/**
 * The AFU's interrupts by handle: what the controller looks up when it raises the handle the host
 * wrote to IMA0_OHP or IMA1_OHP. Handles look like the trigger page addresses the kernel returns.
 */
final class InterruptTable {
    private static final long FIRST = 0x6_0000_0000L;
    private static final long PAGE = 0x1_0000;

    private final Map<Long, EmulatedInterrupt> interrupts = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong(FIRST);

    EmulatedInterrupt allocate(InterruptHandler handler, Executor delivery) {
        EmulatedInterrupt irq = new EmulatedInterrupt(next.getAndAdd(PAGE), handler, delivery, this);
        interrupts.put(irq.handle(), irq);
        return irq;
    }

    void free(EmulatedInterrupt irq) {
        interrupts.remove(irq.handle(), irq);
    }

    /** Raises the interrupt with that handle; returns false when there is none (the raise is lost). */
    boolean raise(long handle) {
        EmulatedInterrupt irq = interrupts.get(handle);
        if (irq == null) {
            return false;
        }
        irq.raise();
        return true;
    }
}
