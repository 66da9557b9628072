package dev.ocxlpmem.metrics.internal;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.NvdimmException;
import io.prometheus.metrics.model.registry.MultiCollector;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricMetadata;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The buses, DIMMs, regions and namespaces as metrics. {@link #refresh} reads them through the
 * {@link Ndctl} service (the refresher's thread: on events and every poll) and keeps the snapshots;
 * a scrape ({@link #collect}) only adds how old each value is, so that it never waits on a
 * controller and costs the same however slow one is.
 */
public final class DeviceMetrics implements MultiCollector {
    static final Family BUS = Family.info("ocxlpmem_bus", "An nvdimm bus and its provider");
    static final Family DIMM = Family.info("ocxlpmem_dimm",
            "A DIMM; serial is its unique id as ndctl list -D prints it (id: vendor and serial number)");
    static final Family REGION_SIZE = Family.gauge("ocxlpmem_region_size_bytes", Unit.BYTES, "The region's size");
    static final Family REGION_AVAILABLE = Family.gauge("ocxlpmem_region_available_bytes", Unit.BYTES,
            "Bytes of the region no namespace takes (ndctl available_size)");
    static final Family REGION_MAX_EXTENT = Family.gauge("ocxlpmem_region_max_available_extent_bytes", Unit.BYTES,
            "The region's largest free extent: the largest namespace that can still be created (ndctl max_available_extent)");
    static final Family REGION_BAD_BLOCKS = Family.gauge("ocxlpmem_region_bad_blocks",
            "512-byte blocks of the region known bad: reads of them fail (ndctl list --media-errors)");
    static final Family REGION_ENABLED = Family.gauge("ocxlpmem_region_enabled", "1 when the region is enabled");
    static final Family NAMESPACE = Family.info("ocxlpmem_namespace",
            "A namespace: its mode, its name and its state (enabled, disabled)");
    static final Family NAMESPACE_SIZE = Family.gauge("ocxlpmem_namespace_size_bytes", Unit.BYTES,
            "Bytes of the namespace an application can use (ndctl list -N size)");
    private static final MetricMetadata DIMM_AGE = new MetricMetadata("ocxlpmem_dimm_sample_age_seconds",
            "How old the DIMM's values of each part (health, firmware, error_log, statistics) are: they are read in "
                    + "the background, on the controller's events and every poll", Unit.SECONDS);
    private static final MetricMetadata DEVICES_AGE = new MetricMetadata("ocxlpmem_devices_age_seconds",
            "How old the buses', regions' and namespaces' values are", Unit.SECONDS);

    /** What a scrape shows, made by one refresh. */
    private record Known(List<MetricSnapshot> snapshots, Map<Labels, Long> dimmReadAt, long readAt) {
    }

    private final Ndctl ndctl;
    private final LongSupplier nanoTime;
    private final DimmSampler dimms;
    private volatile Known known;

    /** {@code nanoTime}: the clock the ages are counted by, as {@link System#nanoTime}. */
    public DeviceMetrics(Ndctl ndctl, LongSupplier nanoTime) {
        this.ndctl = ndctl;
        this.nanoTime = nanoTime;
        this.dimms = new DimmSampler(ndctl);
    }

    /** Reads every device now; one refresh at a time. */
    public synchronized void refresh() throws NvdimmException {
        long now = nanoTime.getAsLong();
        Samples s = new Samples();
        Map<Labels, Long> dimmReadAt = new LinkedHashMap<>();
        Set<String> present = new HashSet<>();
        for (BusInfo bus : ndctl.buses()) {
            s.add(BUS, 1, "bus", bus.dev(), "provider", bus.provider());
            for (DimmInfo dimm : bus.dimms()) {
                present.add(dimm.id());
                Labels labels = Labels.of("bus", bus.dev(), "dimm", dimm.dev());
                s.add(DIMM, 1, labels.add("serial", dimm.id()));
                dimms.sample(dimm, labels, now, s, dimmReadAt);
            }
            for (RegionInfo region : bus.regions()) {
                Labels labels = Labels.of("bus", bus.dev(), "region", region.dev());
                s.add(REGION_SIZE, region.size(), labels);
                s.add(REGION_AVAILABLE, region.availableSize(), labels);
                s.add(REGION_MAX_EXTENT, region.maxAvailableExtent(), labels);
                s.add(REGION_BAD_BLOCKS, badBlocks(region.dev()), labels);
                s.add(REGION_ENABLED, region.enabled(), labels);
            }
        }
        dimms.retain(present);
        for (NamespaceInfo n : ndctl.namespaces(true)) {
            if (!n.configured()) {
                continue; // a seed: no space, nothing to watch
            }
            Labels labels = Labels.of("namespace", n.dev(), "region", n.region());
            // two series a namespace, not three: its state is a label of its info, as it changes seldom
            s.add(NAMESPACE, 1, labels.merge(Labels.of("mode", n.mode().text(), "name", n.listing().name(),
                    "state", n.enabled() ? "enabled" : "disabled")));
            s.add(NAMESPACE_SIZE, n.listing().size(), labels);
        }
        known = new Known(s.snapshots(), dimmReadAt, now);
    }

    private long badBlocks(String region) throws NvdimmException {
        long count = 0;
        for (BadBlock b : ndctl.badBlocks(region)) {
            count += b.count();
        }
        return count;
    }

    /** The last refresh's values with their ages now; nothing before the first refresh. */
    @Override
    public MetricSnapshots collect() {
        Known k = known;
        if (k == null) {
            return new MetricSnapshots();
        }
        long now = nanoTime.getAsLong();
        List<MetricSnapshot> out = new ArrayList<>(k.snapshots().size() + 2);
        out.addAll(k.snapshots());
        List<GaugeDataPointSnapshot> ages = new ArrayList<>(k.dimmReadAt().size());
        k.dimmReadAt().forEach((labels, readAt) -> ages.add(new GaugeDataPointSnapshot(age(now, readAt), labels, null)));
        if (!ages.isEmpty()) {
            out.add(new GaugeSnapshot(DIMM_AGE, ages));
        }
        out.add(new GaugeSnapshot(DEVICES_AGE, List.of(new GaugeDataPointSnapshot(age(now, k.readAt()),
                Labels.EMPTY, null))));
        return new MetricSnapshots(out);
    }

    private static double age(long now, long readAt) {
        return Math.max(0, now - readAt) / 1e9;
    }
}
