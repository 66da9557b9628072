package dev.ocxlpmem.namespaces.internal;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * The model alone ({@link EnabledRegion}) over a real file mapping of the region: each plan carried
 * out as a lifecycle would (info blocks written into the mapping, labels kept as records).
 */
final class ModelSubject implements ReplaySubject {
    final RegionScan.Region facts;
    final Mapping mapping;
    EnabledRegion region;
    LabelVersion version;
    final Map<UUID, NamespaceLabel> labels = new LinkedHashMap<>();
    private int slot;
    private final Supplier<UUID> uuids = Regions.counting();

    /** With labels already in the area, in slot order. */
    ModelSubject(Path dir, long size, LabelVersion version, List<NamespaceLabel> initial) throws Exception {
        for (NamespaceLabel l : initial) {
            labels.put(l.uuid(), l);
            slot = Math.max(slot, l.slot() + 1);
        }
        this.facts = Regions.facts(size);
        Path file = dir.resolve("region.img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(size); // sparse: a blank region
        }
        this.mapping = MmapMemory.provider().map(file, 0, size);
        this.version = version;
        enableRegion();
    }

    @Override
    public void enableRegion() throws NamespaceException {
        region = EnabledRegion.enable(facts, List.copyOf(labels.values()), version, this::probe, PfnPlatform.X86_64);
    }

    @Override
    public void initLabels() {
        labels.clear();
        version = LabelVersion.V1_2;
    }

    Claim probe(LabelNamespace ns) {
        return Claim.probe(ns, mapping.slice(ns.dpa(), ns.size()), SectorProbe.NONE, PfnPlatform.X86_64);
    }

    @Override
    public NamespaceListing create(NamespaceOptions options) throws NamespaceException {
        NamespacePlan plan = region.planCreate(options, uuids);
        carryOut(plan, null);
        return region.namespace(plan.id()).listing(0);
    }

    @Override
    public NamespaceListing reconfigure(int id, NamespaceOptions options) throws NamespaceException {
        NamespaceState before = region.namespace(id);
        NamespacePlan plan = region.planReconfigure(id, options, uuids);
        carryOut(plan, before);
        return region.namespace(plan.id()).listing(0);
    }

    /** What a lifecycle writes for a plan, then the model told. */
    private void carryOut(NamespacePlan plan, NamespaceState before) throws NamespaceException {
        if (plan.clearInfoBlock() && before != null) {
            InfoBlocks.clear(mapping.slice(before.ns().dpa(), before.ns().size()));
        }
        if (plan.initLabels()) {
            initLabels();
        }
        if (before != null && before.ns().labelUuid() != null) {
            labels.remove(before.ns().labelUuid());
        }
        Mapping ns = mapping.slice(plan.dpa(), plan.rawSize());
        if (plan.infoBlock() != null) {
            InfoBlocks.write(ns, plan.infoBlock());
        }
        LabelNamespace probed;
        if (plan.labelUuid() != null) {
            labels.put(plan.labelUuid(), label(plan));
            probed = new LabelNamespace(plan.id(), plan.labelUuid(), plan.name(), plan.lbaSize(),
                    ClaimClass.of(plan.abstraction()), plan.dpa(), plan.rawSize(), facts.base() + plan.dpa());
        } else {
            probed = region.namespace(0).ns();
        }
        region.applied(plan, probe(probed));
    }

    private NamespaceLabel label(NamespacePlan plan) {
        var spec = plan.labelSpec();
        boolean v12 = version == LabelVersion.V1_2;
        return new NamespaceLabel(slot++, spec.uuid(), spec.name(), 0, 1, 0, Regions.COOKIE, spec.lbaSize(), spec.dpa(),
                spec.rawSize(), 0, v12 ? NamespaceLabel.PMEM_TYPE_GUID : null, v12 ? spec.abstraction().guid() : null);
    }

    @Override
    public void destroy(int id, boolean force) throws NamespaceException {
        region.checkDestroy(id, force);
        NamespaceState s = region.namespace(id);
        InfoBlocks.clear(mapping.slice(s.ns().dpa(), s.ns().size()));
        if (s.ns().labelUuid() != null) {
            labels.remove(s.ns().labelUuid());
        }
        region.destroyed(id);
    }

    @Override
    public void disable(int id) throws NamespaceException {
        region.disabled(id);
    }

    @Override
    public void enable(int id) throws NamespaceException {
        region.enabled(id, probe(region.namespace(id).ns()));
    }

    @Override
    public boolean labelLess() {
        return region.labelLess();
    }

    @Override
    public long availableSize() {
        return region.availableSize();
    }

    @Override
    public long maxAvailableExtent() {
        return region.maxAvailableExtent();
    }

    @Override
    public int seed() {
        return region.seed();
    }

    @Override
    public List<Row> namespaces() {
        List<Row> rows = new ArrayList<>();
        for (NamespaceState s : region.namespaces()) {
            rows.add(new Row(s.ns().id(), s.ns().dpa(), s.ns().size(), s.ns().name(), kernelMode(s)));
        }
        return rows;
    }

    private static String kernelMode(NamespaceState s) {
        if (!s.enabled()) {
            return "raw";
        }
        NamespaceMode m = s.claim().mode();
        return m == NamespaceMode.FSDAX ? "memory" : m == NamespaceMode.DEVDAX ? "dax" : m == NamespaceMode.SECTOR
                ? "safe" : "raw";
    }

    @Override
    public NamespaceListing listing(int id) throws NamespaceException {
        return region.namespace(id).listing(0);
    }

    @Override
    public UUID labelUuid(int id) throws NamespaceException {
        return region.namespace(id).ns().labelUuid();
    }

    @Override
    public void close() {
        mapping.close();
    }
}
