package dev.ocxlpmem.metrics.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refreshes the device metrics on a thread of its own: at once, every poll interval, and shortly
 * after an event. Scrapes never wait for it; a slow controller only makes the values older.
 */
final class Refresher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Refresher.class);
    /** After an event, so that a burst of them (a region's namespaces going away) makes one refresh. */
    static final long EVENT_DELAY_MILLIS = 100;

    private final DeviceMetrics metrics;
    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "ocxlpmem-metrics");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean pending = new AtomicBoolean();
    private boolean failing;

    Refresher(DeviceMetrics metrics, int pollSeconds) {
        this.metrics = metrics;
        executor.scheduleWithFixedDelay(this::refresh, 0, pollSeconds, TimeUnit.SECONDS);
    }

    /** Something changed: refresh soon, once for however many calls come before it runs. */
    void soon() {
        if (pending.compareAndSet(false, true)) {
            try {
                executor.schedule(() -> {
                    pending.set(false);
                    refresh();
                }, EVENT_DELAY_MILLIS, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // closed: no more refreshes
            }
        }
    }

    private void refresh() {
        try {
            metrics.refresh();
            if (failing) {
                LOG.info("metrics: the devices are read again");
            }
            failing = false;
        } catch (Exception e) {
            // caught, or the executor would stop polling; said once, not at every poll
            if (!failing) {
                LOG.warn("metrics: reading the devices failed: {}; the last values stay", e.toString(), e);
            }
            failing = true;
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("metrics: a refresh is still running after 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
