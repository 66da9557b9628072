package dev.ocxlpmem.driver.internal;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.OverwriteState;

/** Keeps what the controller's interrupts told, in order. */
final class RecordingListener implements ControllerListener {
    record ErrorLogged(ErrorLogEntry entry) {
    }

    record DumpAvailable() {
    }

    record Fatal(ChiBit state, long chi) {
    }

    record HealthChanged(Health before, Health after) {
    }

    record OverwriteEnded(OverwriteState state) {
    }

    private final BlockingQueue<Object> events = new LinkedBlockingQueue<>();

    @Override
    public void errorLogged(ErrorLogEntry entry) {
        events.add(new ErrorLogged(entry));
    }

    @Override
    public void controllerDumpAvailable() {
        events.add(new DumpAvailable());
    }

    @Override
    public void fatal(ChiBit state, long chi) {
        events.add(new Fatal(state, chi));
    }

    @Override
    public void healthChanged(Health before, Health after) {
        events.add(new HealthChanged(before, after));
    }

    @Override
    public void overwriteEnded(OverwriteState state) {
        events.add(new OverwriteEnded(state));
    }

    /** The next event of that type (others before it are skipped), within 5 s. */
    <T> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (true) {
            Object e = events.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertNotNull(e, "no " + type.getSimpleName() + " event within 5 s");
            if (type.isInstance(e)) {
                return type.cast(e);
            }
        }
    }

    /** The next event, if one comes within {@code millis}. */
    Object poll(long millis) throws InterruptedException {
        return events.poll(millis, TimeUnit.MILLISECONDS);
    }
}
