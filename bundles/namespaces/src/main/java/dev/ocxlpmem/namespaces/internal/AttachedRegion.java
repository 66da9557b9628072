package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.btt.BttCheckResult;
import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.btt.BttProblem;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.labels.BlankLabelAreaException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.Namespace;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;

/**
 * The namespaces of one enabled single-DIMM region, as Linux's region driver keeps them: read from
 * the labels and info blocks when the region is enabled ({@link EnabledRegion}), changed by writing
 * labels (through the label store, on the driver's label-owner view of the DIMM) and info blocks
 * (on the region's memory), each enabled namespace offered as a {@link Namespace} service.
 *
 * <p>The writes of each change are ordered so that a crash at any point reads as before or after
 * it, and never as a namespace whose info block Linux would take with a label it does not belong
 * with:
 * <ul>
 * <li>create: the new extent's first 8 KiB are cleared (a stale info block there must not be
 * adopted by the new label), the info block is written, then the label (two commits: UPDATING,
 * then final). Until the label's first commit, no label points at the block.</li>
 * <li>destroy: the label goes first, then the info block area is cleared. A block no label points
 * at is harmless: every create clears first.</li>
 * <li>reconfigure: the old info block area is cleared (from here the namespace reads raw), then the
 * new block is written and the label replaced in one commit. The label always gets another uuid
 * (Linux refuses to keep it: {@code set_uuid failed}) and the new block carries it, so the old
 * label ignores the new block until the swap.</li>
 * </ul>
 * A write that fails part-way leaves the media in one of those states; the namespaces are then read
 * again from the media. Not thread-safe on its own: the driver calls it under its monitor.
 *
 * <p>Its parts: the info blocks and BTTs it writes ({@link InfoBlockWriter}), what the region is
 * told its namespaces take ({@link RegionSpace}), the enabled namespaces' services
 * ({@link NamespaceServices}).
 */
final class AttachedRegion {
    private static final Logger LOG = LoggerFactory.getLogger(AttachedRegion.class);
    static final PfnPlatform PLATFORM = PfnPlatform.X86_64;

    private final dev.ocxlpmem.nvdimm.EnabledRegion handle;
    private final Region region;
    private final Dimm owner;
    private final Mapping memory;
    private final LabelStore labels;
    private final BttDriver btt;
    private final SectorProbe sectors;
    private final Consumer<NamespaceEvent> events;
    private final RegionScan.Region facts;
    private final InfoBlockWriter infoBlocks;
    private final RegionSpace space;
    private final NamespaceServices services;
    private EnabledRegion model;
    /** Label slots the current index marks free; -1 without labels. */
    private int freeSlots;
    /** The first error of the label area, which the store refuses to update, or null. */
    private String labelError;
    /** Why the namespaces can no longer be changed (they could not be read again), or null. */
    private String broken;
    private boolean detached;

    private AttachedRegion(dev.ocxlpmem.nvdimm.EnabledRegion handle, Dimm owner, LabelStore labels, BttDriver btt,
            SectorProbe sectors, Consumer<NamespaceEvent> events, Function<EnabledNamespace, Runnable> publish) {
        this.handle = handle;
        this.region = handle.region();
        this.owner = owner;
        this.memory = handle.memory();
        this.labels = labels;
        this.btt = btt;
        this.sectors = sectors;
        this.events = events;
        this.facts = new RegionScan.Region(number(region.dev()), 0, region.size(), region.align(),
                region.interleaveSet().cookie1(), region.interleaveSet().cookie2(), 0);
        this.infoBlocks = new InfoBlockWriter(memory, btt);
        this.space = new RegionSpace(handle, region.align());
        this.services = new NamespaceServices(memory, publish);
    }

    /**
     * Reads the region's namespaces as Linux does when it enables a region, offers the enabled
     * ones, and tells the region what they take.
     *
     * @throws NvdimmException if Linux would not enable the region (its message says why), the
     *     region spans several DIMMs, or its labels cannot be read
     */
    static AttachedRegion attach(dev.ocxlpmem.nvdimm.EnabledRegion handle, LabelStore labels, BttDriver btt,
            SectorProbe sectors, Consumer<NamespaceEvent> events, Function<EnabledNamespace, Runnable> publish)
            throws NvdimmException {
        Region region = handle.region();
        if (region.mappings().size() != 1) {
            throw new NamespaceException(region.dev() + " is interleaved over " + region.mappings().size()
                    + " DIMMs; namespaces are supported on single-DIMM regions only");
        }
        Dimm owner = handle.labelOwner(region.mappings().get(0).dimm());
        AttachedRegion r = new AttachedRegion(handle, owner, labels, btt, sectors, events, publish);
        r.load();
        for (NamespaceState s : r.model.namespaces()) {
            if (s.ns().size() > 0) {
                r.event(NamespaceEvent.Action.ADDED, s.ns().id());
            }
        }
        return r;
    }

    private static int number(String regionDev) {
        return Integer.parseInt(regionDev.substring("region".length()));
    }

    int number() {
        return facts.regionId();
    }

    /** What Linux holds for the region, for tests. */
    EnabledRegion model() {
        return model;
    }

    String dev() {
        return region.dev();
    }

    // ------------------------------------------------------------------ reading

    /** What Linux does when the region is enabled: labels, then a probe of every namespace. */
    private void load() throws NvdimmException {
        LabelReading reading = null;
        if (owner.flags().contains(DimmFlag.LABELING)) {
            // A damaged area (no valid index block, not blank) fails the enable with what to do.
            // Linux takes it as blank (nd_label_data_init leaves ns_current at -1) and makes the
            // region one raw namespace over the data of the namespaces the area described.
            try {
                reading = labels.read(owner);
            } catch (BlankLabelAreaException blank) {
                // no labels at all: label-less, as Linux makes it
            }
        }
        if (reading != null) {
            reading.problems().stream().filter(LabelProblem::isFallback).forEach(p -> LOG.warn(
                    "{}: {}: {}; a namespace destroyed or changed in the lost update reads as before it "
                    + "(ndctl:check-labels {})", region.dev(), owner.dev(), p, owner.dev()));
        }
        List<NamespaceLabel> found = reading == null ? List.of() : reading.labels();
        LabelVersion version = reading == null ? null : reading.version();
        try {
            model = EnabledRegion.enable(facts, found, version, this::probe, PLATFORM);
        } catch (NamespaceException e) {
            // Linux keeps the region's free space as its labels take it, and does not enable it
            RegionScan scan = RegionScan.scan(found, version, facts);
            space.tellLabels(scan.dpa() == null ? List.of() : scan.dpa().extents());
            throw e;
        }
        freeSlots = reading == null ? -1 : reading.freeSlots();
        labelError = reading == null || reading.isValid() ? null : reading.errors().get(0).toString();
        space.tellAll(model);
        for (NamespaceState s : model.namespaces()) {
            expose(s);
        }
    }

    private Claim probe(LabelNamespace ns) {
        return Claim.probe(ns, window(ns.dpa(), ns.size()), sectors, PLATFORM);
    }

    private Mapping window(long dpa, long size) {
        return memory.slice(dpa, size);
    }

    List<NamespaceInfo> namespaces() {
        List<NamespaceInfo> all = new ArrayList<>();
        for (NamespaceState s : model.byNumber().values()) {
            all.add(info(s));
        }
        return all;
    }

    NamespaceInfo namespace(int id) throws NamespaceException {
        return info(model.namespace(id));
    }

    boolean has(int id) {
        return model.byNumber().containsKey(id);
    }

    private NamespaceInfo info(NamespaceState s) {
        PfnInfoBlock pfn = s.enabled() ? s.claim().pfn() : null;
        long dataOffset = pfn == null ? 0 : pfn.startPad() + pfn.dataoff();
        return new NamespaceInfo(region.dev(), s.listing(facts.regionId()), s.ns().labelUuid(), s.ns().dpa(),
                s.ns().size(), dataOffset);
    }

    Optional<Namespace> data(int id) {
        return services.get(id);
    }

    // ------------------------------------------------------------------ lifecycle

    NamespaceInfo create(NamespaceOptions options) throws NvdimmException {
        requireUsable();
        NamespacePlan plan = model.planCreate(options, UUID::randomUUID);
        String dev = NamespaceNames.namespace(facts.regionId(), plan.id());
        infoBlocks.requireBttFits(dev, plan, claimClass(plan));
        if (plan.labelUuid() != null) {
            requireSlots(dev, 2);
        }
        try {
            infoBlocks.clear(plan.dpa(), plan.rawSize());
            infoBlocks.write(plan, claimClass(plan));
            if (plan.labelUuid() != null) {
                labels.create(owner, plan.labelSpec());
                freeSlots--;
            }
        } catch (NvdimmException | RuntimeException e) {
            throw failed(dev, "create", e);
        }
        applied(plan, plan.labelUuid() == null ? null : List.of());
        event(NamespaceEvent.Action.CREATED, plan.id());
        return namespace(plan.id());
    }

    NamespaceInfo reconfigure(int id, NamespaceOptions options) throws NvdimmException {
        requireUsable();
        NamespaceState before = model.namespace(id);
        NamespacePlan plan = model.planReconfigure(id, options, UUID::randomUUID);
        String dev = NamespaceNames.namespace(facts.regionId(), id);
        infoBlocks.requireBttFits(dev, plan, claimClass(plan));
        UUID oldUuid = before.ns().labelUuid();
        if (plan.initLabels()) {
            requireBlank(dev);
        }
        if (plan.labelUuid() != null && !plan.initLabels()) {
            requireSlots(dev, 1);
        }
        services.withdraw(id);
        try {
            if (plan.clearInfoBlock()) {
                infoBlocks.clear(before.ns().dpa(), before.ns().size());
            }
            if (plan.initLabels()) {
                // ndctl's autolabel: a version 1.2 label area, then the namespace's label
                labels.init(owner, LabelVersion.V1_2, false); // a blank area only: the region is label-less
                freeSlots = labels.read(owner).freeSlots();
            }
            if (plan.dpa() != before.ns().dpa()) {
                infoBlocks.clear(plan.dpa(), plan.rawSize());
            }
            infoBlocks.write(plan, claimClass(plan));
            if (plan.initLabels()) {
                labels.create(owner, plan.labelSpec());
                freeSlots--;
            } else if (plan.labelUuid() != null) {
                labels.replace(owner, oldUuid, plan.labelSpec());
            }
        } catch (NvdimmException | RuntimeException e) {
            throw failed(dev, "reconfigure", e);
        }
        applied(plan, oldUuid == null || plan.initLabels() ? null : List.of(DpaResources.labelId(oldUuid)));
        event(NamespaceEvent.Action.RECONFIGURED, id);
        return namespace(id);
    }

    /** @return false when there was nothing to destroy (a label-less namespace with no info block) */
    boolean destroy(int id, boolean force) throws NvdimmException {
        requireUsable();
        model.checkDestroy(id, force);
        NamespaceState s = model.namespace(id);
        String dev = NamespaceNames.namespace(facts.regionId(), id);
        services.withdraw(id);
        boolean cleared;
        try {
            if (!s.ns().labelLess()) {
                labels.delete(owner, s.ns().labelUuid());
                freeSlots++;
            }
            cleared = infoBlocks.clear(s.ns().dpa(), s.ns().size());
        } catch (NvdimmException | RuntimeException e) {
            throw failed(dev, "destroy", e);
        }
        model.destroyed(id);
        if (!s.ns().labelLess()) {
            space.tell(model, List.of(DpaResources.labelId(s.ns().labelUuid())));
            event(NamespaceEvent.Action.DESTROYED, id);
        } else if (s.enabled()) {
            event(NamespaceEvent.Action.DISABLED, id); // a label-less namespace stays, disabled and raw
        }
        return !s.ns().labelLess() || cleared;
    }

    void enable(int id) throws NvdimmException {
        requireAttached();
        NamespaceState s = model.namespace(id);
        String dev = NamespaceNames.namespace(facts.regionId(), id);
        if (s.enabled()) {
            return;
        }
        if (s.ns().size() == 0) {
            throw new NamespaceException(dev + " is not configured: there is nothing to enable");
        }
        Claim claim = probe(s.ns());
        model.enabled(id, claim);
        if (!claim.enables()) {
            throw new NamespaceException(dev + " failed to enable: " + claim.refusal());
        }
        expose(model.namespace(id));
        if (!services.has(id) && !model.namespace(id).enabled()) {
            throw new NamespaceException(dev + " failed to enable: its BTT did not open or its memory could not be"
                    + " mapped (karaf.log says which; ndctl:check-namespace " + dev + " checks a BTT)");
        }
        event(NamespaceEvent.Action.ENABLED, id);
    }

    void disable(int id) throws NvdimmException {
        requireAttached();
        NamespaceState s = model.namespace(id);
        if (!s.enabled()) {
            return;
        }
        services.withdraw(id);
        model.disabled(id);
        event(NamespaceEvent.Action.DISABLED, id);
    }

    List<InfoBlockReport> readInfoblock(int id) throws NvdimmException {
        requireAttached();
        NamespaceState s = configured(id);
        String dev = NamespaceNames.namespace(facts.regionId(), id);
        if (s.enabled()) {
            throw new NamespaceException(dev + " is enabled: read-infoblock reads a disabled namespace (ndctl:"
                    + "disable-namespace " + dev + ")");
        }
        return InfoBlocks.reports(dev, window(s.ns().dpa(), s.ns().size()));
    }

    /**
     * ndctl's check-namespace: a BTT is checked (and with {@code repair} repaired) as ndctl's
     * {@code check.c} does; any other namespace's info block as Linux's PFN and DAX probes read it.
     */
    NamespaceCheck check(int id, boolean force, boolean repair) throws NvdimmException {
        requireAttached();
        NamespaceState s = configured(id);
        String dev = NamespaceNames.namespace(facts.regionId(), id);
        ClaimClass cc = s.ns().claimClass();
        Mapping whole = window(s.ns().dpa(), s.ns().size());
        boolean hasBtt = cc == ClaimClass.BTT || cc == ClaimClass.BTT2
                || cc.allowsSector() && btt.readInfoBlock(whole, BttVersion.V1_1).isPresent();
        if (repair && !hasBtt) {
            throw new NamespaceException(dev + " has no BTT: --repair repairs BTTs; its info block is only checked");
        }
        if (repair) {
            requireUsable();
        }
        if (s.enabled() && !force) {
            throw new NamespaceException(dev + ": check aborted, namespace online (disable it first, or use -f)");
        }
        boolean wasEnabled = s.enabled();
        disable(id);
        try {
            if (!hasBtt) {
                return NamespaceInspection.inspect(dev, s.ns(), InfoBlocks.read(whole), PLATFORM);
            }
            BttCheckResult r = btt.check(whole, s.ns().parentUuid(), repair);
            String found = r.version() == null ? "no BTT (its label says sector)"
                    : "BTT " + r.version() + ", " + r.arenas() + " arena" + (r.arenas() == 1 ? "" : "s");
            return new NamespaceCheck(dev, found, r.problems().stream().map(BttProblem::message).toList(),
                    r.repaired().stream().map(BttProblem::message).toList());
        } finally {
            if (wasEnabled) {
                enable(id);
            }
        }
    }

    private NamespaceState configured(int id) throws NamespaceException {
        NamespaceState s = model.namespace(id);
        if (s.ns().size() == 0) {
            throw new NamespaceException(NamespaceNames.namespace(facts.regionId(), id)
                    + " is not configured: it has no space, no info block");
        }
        return s;
    }

    /** The region is being disabled or removed: every service withdrawn, every mapping closed. */
    void detach() {
        detached = true;
        services.withdrawAll();
        for (NamespaceState s : model.namespaces()) {
            if (s.ns().size() > 0) {
                event(NamespaceEvent.Action.REMOVED, s.ns().id());
            }
        }
    }

    /**
     * The claim class the plan's label will be read with: a v1.1 label (and no label) records
     * none, whatever the plan's abstraction, so its BTT is a 1.1 one at 4 KiB.
     */
    private ClaimClass claimClass(NamespacePlan plan) {
        if (plan.labelUuid() == null) {
            return ClaimClass.NONE;
        }
        return ClaimClass.recorded(plan.abstraction(), plan.initLabels() ? LabelVersion.V1_2 : model.version());
    }

    /**
     * The plan was written: the model is told, the namespace probed and offered, the region told
     * what changed ({@code replaced}: the label ids whose space the plan took over; null when the
     * whole list must be told again).
     */
    private void applied(NamespacePlan plan, List<String> replaced) throws NamespaceException {
        LabelNamespace ns = plan.labelUuid() == null ? model.byNumber().get(0).ns()
                : new LabelNamespace(plan.id(), plan.labelUuid(), plan.name(), plan.lbaSize(),
                        claimClass(plan), plan.dpa(), plan.rawSize(), facts.base() + plan.dpa());
        model.applied(plan, probe(ns));
        if (replaced == null) {
            space.tellAll(model);
        } else {
            List<String> changed = new ArrayList<>(replaced);
            changed.add(DpaResources.labelId(plan.labelUuid()));
            space.tell(model, changed);
        }
        expose(model.byNumber().get(plan.id()));
        NamespaceState s = model.byNumber().get(plan.id());
        if (!s.enabled()) {
            LOG.warn("{}: written as planned, but it does not enable: {}", NamespaceNames.namespace(facts.regionId(),
                    plan.id()), s.claim().refusal() != null ? s.claim().refusal() : "its BTT did not open or its memory could"
                    + " not be mapped (see above)");
        }
    }

    /**
     * A write failed: what is on the media is one of the states the ordering allows, so the
     * namespaces are read again from it. Returns what to throw.
     */
    private NvdimmException failed(String dev, String what, Exception cause) {
        LOG.warn("{}: {} failed part-way ({}); reading {}'s namespaces again", dev, what, cause.toString(), region.dev());
        services.withdrawAll();
        try {
            load();
        } catch (NvdimmException | RuntimeException e) {
            broken = region.dev() + "'s namespaces could not be read again after a failed " + what + " (" + e.getMessage()
                    + "); disable and enable the region";
        }
        if (cause instanceof NvdimmException n && !n.isFault()) {
            return n; // refused before anything was written (a full label area, a read-only DIMM)
        }
        return new NvdimmException(dev + ": " + what + " failed part-way; the namespaces read as before or after it"
                + " (ndctl:list -N -i shows which): " + cause.getMessage(), cause);
    }

    /** Offers an enabled namespace as a service; one that does not open is disabled. */
    private void expose(NamespaceState s) throws NamespaceException {
        int id = s.ns().id();
        if (!s.enabled() || s.ns().size() == 0 || services.has(id)) {
            return;
        }
        ClaimClass cc = s.ns().claimClass();
        if (s.claim().mode() == NamespaceMode.RAW && (cc == ClaimClass.BTT || cc == ClaimClass.BTT2)) {
            // a label that says sector without a BTT: its bytes are never offered raw, as they may be a BTT's
            LOG.info("{}: its label says sector, but no BTT claims it; not offered",
                    NamespaceNames.namespace(facts.regionId(), id));
            return;
        }
        if (!services.offer(s, info(s))) {
            model.disabled(id);
        }
    }

    /**
     * ndctl's autolabel gives labels only to an area that has none to lose: the blank one the
     * region was enabled label-less with, checked again before anything is written.
     */
    private void requireBlank(String dev) throws NvdimmException {
        try {
            labels.read(owner);
        } catch (BlankLabelAreaException blank) {
            return;
        }
        throw new NamespaceException(dev + ": " + owner.dev() + "'s label area is no longer blank: not "
                + "initialised for autolabel (disable and enable " + region.dev() + " to read it again)");
    }

    private void requireSlots(String dev, int needed) throws NamespaceException {
        if (freeSlots >= 0 && freeSlots < needed) {
            throw new NamespaceException(dev + ": " + owner.dev() + "'s label area is full (" + freeSlots
                    + " free slot" + (freeSlots == 1 ? "" : "s") + ", " + (needed == 2 ? "a create needs 2"
                            : "a reconfigure needs 1") + "): destroy a namespace first");
        }
    }

    private void requireAttached() throws NamespaceException {
        if (detached) {
            throw new NamespaceException(region.dev() + " was disabled: its namespaces are gone until it is enabled");
        }
    }

    /** What refuses any change before the first write: so a refused change writes nothing. */
    private void requireUsable() throws NamespaceException {
        requireAttached();
        if (broken != null) {
            throw new NamespaceException(broken);
        }
        if (region.isReadOnly() || owner.isReadOnly()) {
            throw new NamespaceException((region.isReadOnly() ? region.dev() : owner.dev())
                    + " is read-only: namespaces cannot be changed");
        }
        if (labelError != null) {
            throw new NamespaceException(owner.dev() + "'s label area has an error (" + labelError + "); it is not"
                    + " changed automatically: see ndctl:check-labels -v " + owner.dev());
        }
    }

    private void event(NamespaceEvent.Action action, int id) {
        events.accept(new NamespaceEvent(action, NamespaceNames.namespace(facts.regionId(), id), region.dev()));
    }
}
