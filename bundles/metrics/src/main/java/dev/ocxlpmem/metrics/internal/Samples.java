package dev.ocxlpmem.metrics.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot.InfoDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;

/** Values gathered per family, in the order first given, then made the client's snapshots. */
final class Samples {
    private record Point(double value, Labels labels) {
    }

    private final Map<Family, List<Point>> points = new LinkedHashMap<>();

    /** {@code labels}: name, value, name, value... */
    Samples add(Family family, double value, String... labels) {
        return add(family, value, Labels.of(labels));
    }

    Samples add(Family family, double value, Labels labels) {
        points.computeIfAbsent(family, f -> new ArrayList<>()).add(new Point(value, labels));
        return this;
    }

    Samples add(Family family, boolean value, Labels labels) {
        return add(family, value ? 1 : 0, labels);
    }

    Samples addAll(Samples other) {
        other.points.forEach((family, list) -> points.computeIfAbsent(family, f -> new ArrayList<>()).addAll(list));
        return this;
    }

    List<MetricSnapshot> snapshots() {
        List<MetricSnapshot> out = new ArrayList<>(points.size());
        points.forEach((family, list) -> out.add(snapshot(family, list)));
        return out;
    }

    private static MetricSnapshot snapshot(Family family, List<Point> list) {
        MetricMetadata metadata = new MetricMetadata(family.name(), family.help(), family.unit());
        switch (family.kind()) {
            case COUNTER:
                List<CounterDataPointSnapshot> counters = new ArrayList<>(list.size());
                for (Point p : list) {
                    counters.add(new CounterDataPointSnapshot(p.value(), p.labels(), null, 0));
                }
                return new CounterSnapshot(metadata, counters);
            case INFO:
                List<InfoDataPointSnapshot> infos = new ArrayList<>(list.size());
                for (Point p : list) {
                    infos.add(new InfoDataPointSnapshot(p.labels()));
                }
                return new InfoSnapshot(metadata, infos);
            default:
                List<GaugeDataPointSnapshot> gauges = new ArrayList<>(list.size());
                for (Point p : list) {
                    gauges.add(new GaugeDataPointSnapshot(p.value(), p.labels(), null));
                }
                return new GaugeSnapshot(metadata, gauges);
        }
    }
}
