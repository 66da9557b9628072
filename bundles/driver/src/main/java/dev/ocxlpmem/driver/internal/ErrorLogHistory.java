package dev.ocxlpmem.driver.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;

import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.Opcode;

/**
 * The error log entries read from one card's controller (ERRLOG while CHI.ELA is set), the last
 * {@value #HISTORY} kept: the card gives each entry once. The emulator's side is
 * {@code emulator.internal.ErrorLogQueue}.
 */
final class ErrorLogHistory {
    /** Error log entries kept after they were read from the card. */
    static final int HISTORY = 1024;
    /** Entries read per drain at most, so that a card that never empties its log cannot hold a thread. */
    private static final int DRAIN_LIMIT = 256;

    private final ScmController controller;
    private final Deque<ErrorLogEntry> history = new ArrayDeque<>();
    private final Object errorLogLock = new Object();

    ErrorLogHistory(ScmController controller) {
        this.controller = controller;
    }

    /** The entries read from the card so far (the last {@value #HISTORY}), after reading what is waiting. */
    List<ErrorLogEntry> entries() throws ControllerCommandException {
        drain().forEach(controller.listener()::errorLogged);
        synchronized (errorLogLock) {
            return List.copyOf(history);
        }
    }

    /** Reads entries while CHI.ELA is set and keeps them; returns the new ones. */
    List<ErrorLogEntry> drain() throws ControllerCommandException {
        List<ErrorLogEntry> read = new ArrayList<>();
        synchronized (errorLogLock) {
            while (read.size() < DRAIN_LIMIT && ChiBit.ELA.isSet(controller.chi(Opcode.ERRLOG.code()))) {
                Optional<ErrorLogEntry> entry = controller.readErrorLogEntry();
                if (entry.isEmpty()) {
                    break;
                }
                read.add(entry.get());
                if (history.size() == HISTORY) {
                    history.removeFirst();
                }
                history.addLast(entry.get());
            }
        }
        return read;
    }
}
