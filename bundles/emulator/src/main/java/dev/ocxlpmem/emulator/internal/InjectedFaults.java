package dev.ocxlpmem.emulator.internal;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.FatalState;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.emulator.SmartValues;
import dev.ocxlpmem.scm.ErrorLogAction;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ErrorLogType;

/**
 * The faults injected into one card: the timing faults are kept here and read by the controller
 * as it works; the others act on the controller at once.
 */
final class InjectedFaults implements CardFaults {
    private final ControllerSettings settings;
    private Controller controller;
    private Duration readinessDelay;
    private Duration memoryAvailableDelay;
    private Duration responseDelay;
    private int wrongIds;
    private boolean firmwareUpdateBlocked;

    ControllerSettings settings() {
        return settings;
    }

    InjectedFaults(ControllerSettings settings) {
        this.settings = settings;
        clearTimings();
    }

    void controller(Controller c) {
        this.controller = c;
    }

    private void clearTimings() {
        readinessDelay = settings.readinessDelay();
        memoryAvailableDelay = settings.memoryAvailableDelay();
        responseDelay = settings.responseDelay();
        wrongIds = 0;
        firmwareUpdateBlocked = false;
    }

    static boolean isNever(Duration d) {
        return d.compareTo(Duration.ofDays(1)) > 0;
    }

    private static Duration checked(String what, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " " + d + " is negative");
        }
        return d;
    }

    @Override
    public String location() {
        return controller.location();
    }

    @Override
    public synchronized void readinessDelay(Duration delay) {
        readinessDelay = checked("readiness delay", delay);
    }

    @Override
    public synchronized void memoryAvailableDelay(Duration delay) {
        memoryAvailableDelay = checked("memory-available delay", delay);
    }

    @Override
    public synchronized void responseDelay(Duration delay) {
        responseDelay = checked("response delay", delay);
    }

    @Override
    public synchronized void wrongResponseIds(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("wrong response id count " + count + " is negative");
        }
        wrongIds = count;
    }

    @Override
    public synchronized void blockFirmwareUpdate(boolean blocked) {
        firmwareUpdateBlocked = blocked;
    }

    synchronized Duration readinessDelay() {
        return readinessDelay;
    }

    synchronized Duration memoryAvailableDelay() {
        return memoryAvailableDelay;
    }

    synchronized Duration responseDelay() {
        return responseDelay;
    }

    /** Whether the next response carries a wrong id; counts it down. */
    synchronized boolean takeWrongId() {
        if (wrongIds == 0) {
            return false;
        }
        wrongIds--;
        return true;
    }

    synchronized boolean firmwareUpdateBlocked() {
        return firmwareUpdateBlocked;
    }

    @Override
    public void fatal(FatalState state) {
        controller.fatal(state);
    }

    @Override
    public void reset() {
        controller.reset(false);
    }

    @Override
    public void clearFatal() {
        controller.clearFatal();
    }

    @Override
    public ErrorLogEntry logError(ErrorLogType type, Set<ErrorLogAction> actions, String text) {
        return controller.logError(type, actions, text);
    }

    @Override
    public SmartValues smart() {
        return controller.smart();
    }

    @Override
    public void smart(SmartValues values) {
        controller.smart(values);
    }

    @Override
    public void dirtyShutdown() {
        controller.dirtyShutdown();
    }

    @Override
    public void poison(MediaRange range, boolean notify) {
        controller.checkInLpc(range);
        controller.poison.add(range);
        if (notify) {
            controller.reportMediaError(range, "media error injected");
        }
    }

    @Override
    public void clearPoison(MediaRange range) {
        controller.poison.clear(range.offset(), range.length());
    }

    @Override
    public List<MediaRange> poisoned() {
        return controller.poison.list();
    }

    @Override
    public void clear() {
        synchronized (this) {
            clearTimings();
        }
        controller.smart(SmartValues.DEFAULTS);
    }
}
