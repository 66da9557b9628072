package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * What Linux holds for an enabled single-DIMM pmem region: its namespaces with their numbers and
 * claims, its seed, its DIMM's DPA allocations. It plans creates and reconfigures with
 * {@link CreateRules} and is told when a plan has been carried out; it writes nothing itself.
 * Not thread-safe: the caller serializes, as Linux's bus lock does.
 */
final class EnabledRegion {
    private final RegionScan.Region facts;
    private final PfnPlatform platform;
    private LabelVersion version;
    private DpaResources dpa;
    private NamespaceIds ids;
    private final TreeMap<Integer, NamespaceState> namespaces = new TreeMap<>();
    /** The namespaces by label uuid, and the enabled fsdax and sector ones by claim uuid: uniqueness in O(1). */
    private final Map<UUID, NamespaceState> labelHolders = new HashMap<>();
    private final Map<UUID, NamespaceState> claimHolders = new HashMap<>();

    private EnabledRegion(RegionScan.Region facts, PfnPlatform platform) {
        this.facts = facts;
        this.platform = platform;
    }

    /**
     * Enables the region as Linux does: reads the labels ({@link RegionScan}) and probes each
     * namespace with {@code probe} ({@link Claim#probe}).
     *
     * @throws NamespaceException if Linux would refuse the labels and not enable the region
     */
    static EnabledRegion enable(RegionScan.Region facts, List<NamespaceLabel> labels, LabelVersion version,
            Function<LabelNamespace, Claim> probe, PfnPlatform platform) throws NamespaceException {
        RegionScan scan = RegionScan.scan(labels, version, facts);
        if (scan.kind() == RegionScan.Kind.FAILED) {
            throw new NamespaceException(NamespaceNames.region(facts.regionId()) + " does not enable: " + scan.reason());
        }
        EnabledRegion r = new EnabledRegion(facts, platform);
        if (scan.kind() == RegionScan.Kind.LABELED) {
            r.version = version;
            r.dpa = scan.dpa();
            r.ids = NamespaceIds.atEnable(scan.configured().size());
        }
        for (LabelNamespace ns : scan.namespaces()) {
            Claim claim = ns.size() > 0 ? probe.apply(ns) : Claim.raw();
            r.put(NamespaceState.probed(ns, claim));
        }
        r.addSeed();
        return r;
    }

    /** A read-only view for the rules, copying nothing. */
    RegionView view() {
        return new RegionView(facts, version, dpa, Collections.unmodifiableMap(namespaces),
                Collections.unmodifiableMap(labelHolders), Collections.unmodifiableMap(claimHolders), platform);
    }

    /** The DIMM's DPA allocations ({@code null} label-less): every label's range, foreign ones too. */
    List<DpaResources.Extent> extents() {
        return dpa == null ? List.of() : dpa.extents();
    }

    /** The ranges of one label id. */
    List<DpaResources.Extent> extents(String labelId) {
        return dpa == null ? List.of() : dpa.extents(labelId);
    }

    /** Whether every DPA range lies on the region's align. */
    boolean onAlign() {
        return dpa != null && dpa.onAlign();
    }

    /** The namespaces in number order, read-only. */
    Map<Integer, NamespaceState> byNumber() {
        return Collections.unmodifiableMap(namespaces);
    }

    private void put(NamespaceState s) {
        NamespaceState old = namespaces.put(s.ns().id(), s);
        if (old != null) {
            forget(old);
        }
        if (s.ns().labelUuid() != null) {
            labelHolders.put(s.ns().labelUuid(), s);
        }
        UUID claimed = RegionView.claimUuid(s);
        if (claimed != null) {
            claimHolders.put(claimed, s);
        }
    }

    private void remove(int id) {
        NamespaceState old = namespaces.remove(id);
        if (old != null) {
            forget(old);
        }
    }

    private void forget(NamespaceState old) {
        if (old.ns().labelUuid() != null) {
            labelHolders.remove(old.ns().labelUuid(), old);
        }
        UUID claimed = RegionView.claimUuid(old);
        if (claimed != null) {
            claimHolders.remove(claimed, old);
        }
    }

    /** The namespaces in number order, the seed and idle ones included (ndctl's {@code -i}). */
    List<NamespaceState> namespaces() {
        return List.copyOf(namespaces.values());
    }

    NamespaceState namespace(int id) throws NamespaceException {
        NamespaceState s = namespaces.get(id);
        if (s == null) {
            throw new NamespaceException(NamespaceNames.namespace(facts.regionId(), id) + " does not exist");
        }
        return s;
    }

    List<NamespaceListing> listing() {
        List<NamespaceListing> l = new ArrayList<>(namespaces.size());
        for (NamespaceState s : namespaces.values()) {
            l.add(s.listing(facts.regionId()));
        }
        return l;
    }

    boolean labelLess() {
        return version == null;
    }

    LabelVersion version() {
        return version;
    }

    long availableSize() {
        return view().availableSize();
    }

    long maxAvailableExtent() {
        return view().maxAvailableExtent();
    }

    /** The seed's number; -1 for a label-less region, which has none. */
    int seed() {
        return ids == null ? -1 : ids.seed();
    }

    NamespacePlan planCreate(NamespaceOptions options, Supplier<UUID> uuids) throws NamespaceException {
        int target = ids == null ? 0 : ids.forCreate();
        return CreateRules.create(options, view(), target, uuids);
    }

    NamespacePlan planReconfigure(int id, NamespaceOptions options, Supplier<UUID> uuids) throws NamespaceException {
        return CreateRules.reconfigure(options, view(), namespace(id), uuids);
    }

    /**
     * A planned create or reconfigure has been written (labels, info block) and the namespace
     * enabled: {@code claim} is what claims it now.
     */
    void applied(NamespacePlan plan, Claim claim) {
        NamespaceState before = namespaces.get(plan.id());
        if (plan.initLabels()) {
            version = LabelVersion.V1_2;
            dpa = new DpaResources(0, facts.size(), facts.align());
            ids = NamespaceIds.atEnable(0);
            for (int id : List.copyOf(namespaces.keySet())) {
                remove(id);
            }
            before = null;
        }
        if (plan.labelUuid() == null) {
            LabelNamespace io = namespaces.get(0).ns();
            put(NamespaceState.probed(io, claim));
            return;
        }
        // the same steps the rules took on a copy, so the same place
        String labelId = DpaResources.labelId(plan.labelUuid());
        if (before != null && before.ns().labelUuid() != null) {
            dpa.rename(DpaResources.labelId(before.ns().labelUuid()), labelId);
        }
        try {
            dpa.resize(labelId, plan.rawSize());
        } catch (NamespaceException e) {
            throw new IllegalStateException("the plan for " + plan.labelUuid() + " no longer fits: " + e.getMessage(), e);
        }
        if (dpa.extents(labelId).get(0).start() != plan.dpa()) {
            throw new IllegalStateException("the plan put " + plan.labelUuid() + " at 0x" + Long.toHexString(plan.dpa())
                    + ", the allocator at 0x" + Long.toHexString(dpa.extents(labelId).get(0).start()));
        }
        ClaimClass claimClass = ClaimClass.recorded(plan.abstraction(), version);
        LabelNamespace ns = new LabelNamespace(plan.id(), plan.labelUuid(), plan.name(), plan.lbaSize(), claimClass,
                plan.dpa(), plan.rawSize(), facts.base() + plan.dpa());
        put(NamespaceState.probed(ns, claim));
        if (!ids.configured(plan.id())) {
            ids.created(plan.id());
            addSeed();
        }
    }

    /**
     * Refuses a destroy Linux refuses: of a namespace that is not there, or of an enabled one
     * without {@code force} ({@code namespace_prep_reconfig}).
     */
    void checkDestroy(int id, boolean force) throws NamespaceException {
        NamespaceState s = namespace(id);
        String dev = NamespaceNames.namespace(facts.regionId(), id);
        if (s.ns().size() == 0) {
            throw new NamespaceException(dev + " is not configured: there is nothing to destroy");
        }
        if (s.enabled() && !force) {
            throw new NamespaceException(dev + " is active, specify --force for re-configuration");
        }
    }

    /**
     * A destroy has been carried out: the info block area cleared and, for a labeled namespace,
     * its label deleted. A label-less namespace stays, disabled and raw, as ndctl leaves it.
     */
    void destroyed(int id) throws NamespaceException {
        checkDestroy(id, true);
        NamespaceState s = namespaces.get(id);
        if (s.ns().labelLess()) {
            put(new NamespaceState(s.ns(), Claim.raw(), false));
            return;
        }
        dpa.resize(DpaResources.labelId(s.ns().labelUuid()), 0);
        ids.destroyed(id);
        if (ids.present(id)) {
            put(unconfigured(id));
        } else {
            remove(id);
        }
    }

    /** {@code ndctl disable-namespace}: the claim lets go; the namespace lists as raw. */
    void disabled(int id) throws NamespaceException {
        NamespaceState s = namespace(id);
        put(new NamespaceState(s.ns(), s.claim(), false));
    }

    /** {@code ndctl enable-namespace}: probed again, {@code claim} is what it found. */
    void enabled(int id, Claim claim) throws NamespaceException {
        NamespaceState s = namespace(id);
        put(NamespaceState.probed(s.ns(), claim));
    }

    private void addSeed() {
        if (ids != null && !namespaces.containsKey(ids.seed())) {
            put(unconfigured(ids.seed()));
        }
    }

    private LabelNamespace unconfiguredNs(int id) {
        return new LabelNamespace(id, null, "", 0, ClaimClass.NONE, 0, 0, facts.base());
    }

    private NamespaceState unconfigured(int id) {
        return new NamespaceState(unconfiguredNs(id), Claim.raw(), false);
    }
}
