package dev.ocxlpmem.memory.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Operations in flight on something that closes: {@link #close} refuses new ones and waits for
 * those already in. One word: the count, with {@link #CLOSED} added once closing has begun.
 */
final class InFlight {
    private static final long CLOSED = Long.MIN_VALUE;
    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(InFlight.class, "count", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // through COUNT
    private volatile long count;

    /** Enters; false, having entered nothing, once closing has begun. */
    boolean enter() {
        if ((long) COUNT.getAndAdd(this, 1L) < 0) {
            exit();
            return false;
        }
        return true;
    }

    void exit() {
        if ((long) COUNT.getAndAdd(this, -1L) - 1 == CLOSED) {
            synchronized (this) {
                notifyAll();
            }
        }
    }

    boolean isClosed() {
        return (long) COUNT.getVolatile(this) < 0;
    }

    /** Refuses every later {@link #enter} and waits for those in flight. Idempotent. */
    void close() {
        boolean interrupted = false;
        synchronized (this) {
            if (!isClosed()) {
                COUNT.getAndAdd(this, CLOSED);
            }
            while ((long) COUNT.getVolatile(this) != CLOSED) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
