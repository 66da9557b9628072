package dev.ocxlpmem.driver.internal;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;

/**
 * What a probe must undo, in order. Each step that acquires something pushes its release;
 * a failed probe and a remove both run the releases newest first.
 */
final class Teardown {
    private record Release(String what, Action action) {
    }

    @FunctionalInterface
    interface Action {
        void run() throws Exception;
    }

    private final Deque<Release> releases = new ArrayDeque<>();

    /** Runs after everything pushed before it, and before anything pushed later. */
    void push(String what, Action action) {
        releases.push(new Release(what, action));
    }

    /** Runs after everything else, whenever it was added. */
    void last(String what, Action action) {
        releases.addLast(new Release(what, action));
    }

    /** Runs every release; one that fails is logged and the rest still run. */
    void run(Logger log, String location) {
        while (!releases.isEmpty()) {
            Release release = releases.pop();
            try {
                release.action().run();
            } catch (Exception e) {
                log.warn("ocxlpmem {}: {} failed: {}", location, release.what(), e.getMessage(), e);
            }
        }
    }
}
