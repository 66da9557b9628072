package dev.ocxlpmem.metrics.internal;

import io.prometheus.metrics.model.snapshots.Unit;

/**
 * A metric family as the device metrics write it: its name as Prometheus shows it (a counter's
 * without {@code _total}, an info's without {@code _info}: the writers add them), what it says, its
 * kind and its base unit, or null.
 */
record Family(String name, String help, Kind kind, Unit unit) {

    enum Kind {
        GAUGE, COUNTER, INFO
    }

    static Family gauge(String name, Unit unit, String help) {
        return new Family(name, help, Kind.GAUGE, unit);
    }

    static Family gauge(String name, String help) {
        return gauge(name, null, help);
    }

    static Family counter(String name, Unit unit, String help) {
        return new Family(name, help, Kind.COUNTER, unit);
    }

    static Family counter(String name, String help) {
        return counter(name, null, help);
    }

    static Family info(String name, String help) {
        return new Family(name, help, Kind.INFO, null);
    }
}
