package dev.ocxlpmem.bench.metrics;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * The benchmark thread's CPU time per operation over a JMH iteration (ThreadMXBean): what an
 * operation costs the machine's CPU whatever else runs on it, where JMH's time per operation also
 * counts the time the thread waited for a core. Garbage collection runs on other threads and is not
 * in it (JMH's {@code -prof gc} gives the bytes allocated per operation).
 */
final class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long startNanos;
    private long ops;

    /** From an iteration's setup, on the benchmark thread. */
    void start() {
        ops = 0;
        startNanos = THREADS.getCurrentThreadCpuTime();
    }

    void op() {
        ops++;
    }

    /** From an iteration's teardown, on the benchmark thread. */
    void print(String what) {
        long nanos = THREADS.getCurrentThreadCpuTime() - startNanos;
        System.out.printf("%n  cpu: %.1f ns per op over %d ops (%s)%n", (double) nanos / Math.max(1, ops), ops, what);
    }
}
