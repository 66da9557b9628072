package dev.ocxlpmem.emulator.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import dev.ocxlpmem.scm.ErrorLogEntry;

/** The controller's error log: entries wait until ERRLOG reads them; past 64 the oldest is dropped. */
final class ErrorLogQueue {
    static final int CAPACITY = 64;
    private final Deque<ErrorLogEntry> entries = new ArrayDeque<>();
    private long nextId = 1;
    private long dropped;

    synchronized long nextId() {
        return nextId++ & 0xFFFF_FFFFL;
    }

    synchronized void add(ErrorLogEntry entry) {
        if (entries.size() == CAPACITY) {
            entries.removeFirst();
            dropped++;
        }
        entries.addLast(entry);
    }

    synchronized ErrorLogEntry poll() {
        return entries.pollFirst();
    }

    synchronized boolean isEmpty() {
        return entries.isEmpty();
    }

    synchronized int size() {
        return entries.size();
    }

    synchronized long dropped() {
        return dropped;
    }
}
