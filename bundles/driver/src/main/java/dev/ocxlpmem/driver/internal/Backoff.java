package dev.ocxlpmem.driver.internal;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import dev.ocxlpmem.ocxl.OcxlException;

/**
 * Polling a register until a condition holds or a deadline passes: spinning for the first few
 * microseconds (a quick controller answers within them), then sleeping with a growing pause of
 * at most a millisecond, so a slow one costs no CPU.
 */
final class Backoff {
    private static final long SPIN_NANOS = 20_000;
    private static final long MAX_PAUSE_NANOS = 1_000_000;

    @FunctionalInterface
    interface Condition {
        boolean holds() throws OcxlException;
    }

    private Backoff() {
    }

    /** Whether {@code condition} held before {@code timeout} passed; it is checked once more at the deadline. */
    static boolean await(Condition condition, Duration timeout) throws OcxlException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        long pause = 1_000;
        while (true) {
            if (condition.holds()) {
                return true;
            }
            long now = System.nanoTime();
            if (now - deadline >= 0) {
                return condition.holds();
            }
            if (now - start < SPIN_NANOS) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(Math.min(pause, deadline - now));
                pause = Math.min(2 * pause, MAX_PAUSE_NANOS);
                if (Thread.interrupted()) {
                    Thread.currentThread().interrupt();
                    return condition.holds();
                }
            }
        }
    }
}
