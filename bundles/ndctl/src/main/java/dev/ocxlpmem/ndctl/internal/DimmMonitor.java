package dev.ocxlpmem.ndctl.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.ndctl.DimmEvent;
import dev.ocxlpmem.ndctl.DimmEventType;
import dev.ocxlpmem.ndctl.Monitor;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * {@code ndctl monitor} over a set of DIMMs (ndctl 76 ndctl/monitor.c): on every wake-up — a
 * controller event for the DIMM, a poll — the DIMM's health is read and its events computed as
 * {@code util_dimm_event_filter} does: the tripped alarms and a dirty last shutdown, plus a health
 * state other than the one seen last; error log entries that came with the wake-up add
 * {@link DimmEventType#ERROR_LOG}. Wake-ups for a DIMM that come while one waits are merged.
 */
final class DimmMonitor implements Monitor {
    private static final Logger LOG = LoggerFactory.getLogger(DimmMonitor.class);

    private final List<Dimm> dimms;
    private final HealthReader healthReader;
    private final Set<DimmEventType> watched;
    private final Consumer<DimmEvent> sink;
    private final Runnable closed;
    private final ScheduledExecutorService thread;
    /** By DIMM, guarded by this: the last health state seen, and entries waiting for the next check. */
    private final Map<String, DimmHealth.State> last = new HashMap<>();
    private final Map<String, List<ErrorLogEntry>> waiting = new HashMap<>();
    private volatile boolean open = true;

    /** How the monitor reads a DIMM's health: through its family's codec. */
    @FunctionalInterface
    interface HealthReader {
        Optional<DimmHealth> read(Dimm dimm) throws NvdimmException;
    }

    DimmMonitor(List<Dimm> dimms, HealthReader healthReader, Set<DimmEventType> watched, int pollSeconds,
            Consumer<DimmEvent> sink, Runnable closed) {
        this.dimms = List.copyOf(dimms);
        this.healthReader = healthReader;
        this.watched = Set.copyOf(watched);
        this.sink = sink;
        this.closed = closed;
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "ndctl monitor " + dimms.stream().map(Dimm::dev).toList());
            t.setDaemon(true);
            return t;
        });
        executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.thread = executor;
        for (Dimm dimm : this.dimms) {
            thread.execute(() -> check(dimm, true));
        }
        if (pollSeconds > 0) {
            thread.scheduleWithFixedDelay(() -> this.dimms.forEach(d -> check(d, false)), pollSeconds, pollSeconds,
                    TimeUnit.SECONDS);
        }
    }

    @Override
    public List<String> dimms() {
        return dimms.stream().map(Dimm::dev).toList();
    }

    /** A controller event: wakes the check of its DIMM, unless one is waiting already. */
    void event(ScmEvent event) {
        if (!open || event.kind() != ScmEvent.Kind.HEALTH_CHANGED && event.kind() != ScmEvent.Kind.ERROR_LOGGED) {
            return; // a fatal state comes as a health change as well
        }
        for (Dimm dimm : dimms) {
            if (dimm.dev().equals(event.dev()) && dimm.bus().dev().equals(event.bus())) {
                boolean scheduled;
                synchronized (this) {
                    scheduled = waiting.containsKey(dimm.dev());
                    List<ErrorLogEntry> entries = waiting.computeIfAbsent(dimm.dev(), d -> new ArrayList<>());
                    event.entry().ifPresent(entries::add);
                }
                if (!scheduled) {
                    try {
                        thread.execute(() -> check(dimm, false));
                    } catch (java.util.concurrent.RejectedExecutionException closing) {
                        return;
                    }
                }
            }
        }
    }

    private void check(Dimm dimm, boolean first) {
        if (!open || !dimm.bus().isRegistered()) {
            return;
        }
        List<ErrorLogEntry> entries;
        synchronized (this) {
            List<ErrorLogEntry> w = waiting.remove(dimm.dev());
            entries = w == null ? List.of() : w;
        }
        Optional<DimmHealth> health;
        try {
            health = healthReader.read(dimm);
        } catch (NvdimmException | RuntimeException e) {
            LOG.warn("ndctl monitor: {}: cannot read the health: {}", dimm.dev(), e.getMessage());
            health = Optional.empty();
        }
        Set<DimmEventType> fired = EnumSet.noneOf(DimmEventType.class);
        health.ifPresent(h -> {
            if (h.alarmSpares()) {
                fired.add(DimmEventType.SPARES_REMAINING);
            }
            if (h.alarmTemperature()) {
                fired.add(DimmEventType.MEDIA_TEMPERATURE);
            }
            if (h.alarmControllerTemperature()) {
                fired.add(DimmEventType.CONTROLLER_TEMPERATURE);
            }
            if (h.dirtyShutdown()) {
                fired.add(DimmEventType.UNCLEAN_SHUTDOWN);
            }
            synchronized (this) {
                DimmHealth.State before = last.put(dimm.dev(), h.healthState());
                if (!first && before != null && before != h.healthState()) {
                    fired.add(DimmEventType.HEALTH_STATE);
                }
            }
        });
        if (!entries.isEmpty()) {
            fired.add(DimmEventType.ERROR_LOG);
        }
        fired.retainAll(watched);
        if (fired.isEmpty() || !open) {
            return;
        }
        try {
            sink.accept(new DimmEvent(Instant.now(), NdctlService.info(dimm), watched, fired, health,
                    watched.contains(DimmEventType.ERROR_LOG) ? entries : List.of()));
        } catch (RuntimeException e) {
            LOG.warn("ndctl monitor: delivering an event of {} failed: {}", dimm.dev(), e.toString(), e);
        }
    }

    @Override
    public void close() {
        open = false;
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closed.run();
    }
}
