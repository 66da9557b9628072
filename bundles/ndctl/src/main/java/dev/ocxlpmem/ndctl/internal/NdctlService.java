package dev.ocxlpmem.ndctl.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.ocxlpmem.labels.BlankLabelAreaException;
import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.DimmEvent;
import dev.ocxlpmem.ndctl.DimmEventType;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.LabelBackup;
import dev.ocxlpmem.ndctl.LabelState;
import dev.ocxlpmem.ndctl.MappingInfo;
import dev.ocxlpmem.ndctl.Monitor;
import dev.ocxlpmem.ndctl.NamespaceArguments;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NoSuchDeviceException;
import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.ndctl.Progress;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.ndctl.Role;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.FamilyCodec;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.SmartInjection;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.OverwriteState;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * The operations, over the nvdimm core and the label store; nothing here talks to a provider. The
 * card controllers' events reach it through {@link #controllerEvent}, for {@link #monitor}.
 */
@Component(service = Ndctl.class)
public final class NdctlService implements Ndctl {
    private final Nvdimm nvdimm;
    private final LabelStore labels;
    private final LabelBackups backups;
    /** Per DIMM id: a wholesale rewrite (backup, mark, write, unmark) is one step for everyone else. */
    private final Map<String, Object> rewrites = new ConcurrentHashMap<>();
    /** The controller operations, through the codecs the providers registered with the core. */
    private final ControllerOperations controllers = new ControllerOperations(
            new Families(this::codec));
    /** The namespace lifecycle; null outside OSGi when not given (no namespaces then). */
    @Reference
    Namespaces namespaces;

    @Activate
    public NdctlService(BundleContext context, @Reference Nvdimm nvdimm, @Reference LabelStore labels) {
        this(nvdimm, labels, backupDirectory(context));
    }

    public NdctlService(Nvdimm nvdimm, LabelStore labels, Path backups) {
        this.nvdimm = nvdimm;
        this.labels = labels;
        this.backups = new LabelBackups(backups);
    }

    private Optional<FamilyCodec> codec(int family) {
        return nvdimm.codec(family);
    }

    /** {@code ${karaf.data}/ocxlpmem/labels}, beside the card images. */
    private static Path backupDirectory(BundleContext context) {
        String data = context.getProperty("karaf.data");
        return data != null ? Path.of(data, "ocxlpmem", "labels") : context.getDataFile("labels").toPath();
    }

    @Override
    public void require(Role role, String what) throws NotPermittedException {
        Caller.require(role, what);
    }

    public NdctlService(Nvdimm nvdimm, LabelStore labels, Path backups, Namespaces namespaces) {
        this(nvdimm, labels, backups);
        this.namespaces = namespaces;
    }

    // ------------------------------------------------------------------ what is there

    @Override
    public List<BusInfo> buses() {
        return nvdimm.buses().stream().map(NdctlService::info).toList();
    }

    @Override
    public BusInfo bus(String name) throws NoSuchDeviceException {
        return info(findBus(name));
    }

    @Override
    public DimmInfo dimm(String name) throws NoSuchDeviceException {
        return info(findDimm(name));
    }

    @Override
    public RegionInfo region(String name) throws NoSuchDeviceException {
        return info(findRegion(name));
    }

    @Override
    public List<DimmInfo> dimms(List<String> names) throws NoSuchDeviceException {
        return select(names, allDimms(), this::findDimm).stream().map(NdctlService::info).toList();
    }

    @Override
    public List<RegionInfo> regions(List<String> names) throws NoSuchDeviceException {
        return select(names, allRegions(), this::findRegion).stream().map(NdctlService::info).toList();
    }

    // ------------------------------------------------------------------ regions

    @Override
    public void enableRegion(String region) throws NvdimmException {
        Caller.require(Role.MANAGER, "enable " + region);
        Region r = findRegion(region);
        for (RegionMapping m : r.mappings()) {
            synchronized (rewrite(m.dimm())) {
                requireWhole(m.dimm(), "enable " + r.dev());
            }
        }
        r.enable();
    }

    @Override
    public void disableRegion(String region) throws NvdimmException {
        Caller.require(Role.MANAGER, "disable " + region);
        findRegion(region).disable();
    }

    // ------------------------------------------------------------------ DIMMs

    @Override
    public void enableDimm(String dimm) throws NvdimmException {
        Caller.require(Role.MANAGER, "enable " + dimm);
        findDimm(dimm).enable();
    }

    @Override
    public void disableDimm(String dimm) throws NvdimmException {
        Caller.require(Role.MANAGER, "disable " + dimm);
        findDimm(dimm).disable();
    }

    // ------------------------------------------------------------------ labels

    @Override
    public void initLabels(String dimm, LabelVersion version, boolean force) throws NvdimmException {
        Caller.require(Role.ADMIN, "initialise the labels of " + dimm);
        Dimm d = findDimm(dimm);
        synchronized (rewrite(d)) {
            // init-labels itself cannot be torn; with -f the namespaces it drops are kept in a backup
            LabelBackup saved = force && labelState(d) != LabelState.BLANK ? backups.save(d.id(), labels.readArea(d),
                    "init-labels") : null;
            try {
                labels.init(d, version, force);
            } catch (LabelException e) {
                if (saved != null && !e.isFault()) {
                    backups.discard(d.id(), saved);
                }
                throw e;
            }
            backups.end(d.id()); // the area is whole now, whatever an earlier rewrite left
        }
    }

    @Override
    public void zeroLabels(String dimm) throws NvdimmException {
        Caller.require(Role.ADMIN, "zero the labels of " + dimm);
        Dimm d = findDimm(dimm);
        rewrite(d, "zero-labels", () -> labels.zero(d));
    }

    @Override
    public LabelReading readLabels(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + dimm);
        Dimm d = findDimm(dimm);
        synchronized (rewrite(d)) {
            requireWhole(d, "read its labels");
            return labels.read(d);
        }
    }

    @Override
    public byte[] readLabelArea(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the label area of " + dimm);
        return labels.readArea(findDimm(dimm));
    }

    @Override
    public void writeLabels(String dimm, byte[] area) throws NvdimmException {
        Caller.require(Role.ADMIN, "write the labels of " + dimm);
        Dimm d = findDimm(dimm);
        rewrite(d, "write-labels", () -> labels.write(d, area));
    }

    @Override
    public List<LabelBackup> labelBackups(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "list the label backups of " + dimm);
        return backups.list(findDimm(dimm).id());
    }

    @Override
    public void restoreLabels(String dimm, String backup) throws NvdimmException {
        Caller.require(Role.ADMIN, "restore the labels of " + dimm);
        Dimm d = findDimm(dimm);
        synchronized (rewrite(d)) {
            byte[] area = backups.read(d.id(), backup, d.configSize().configSize());
            rewrite(d, "restore-labels", () -> labels.write(d, area));
        }
    }

    @FunctionalInterface
    private interface Rewrite {
        void run() throws NvdimmException;
    }

    /**
     * A wholesale rewrite: the area saved, the DIMM marked, the rewrite, the mark removed. A
     * refusal (nothing written: the region is enabled, the size is wrong) removes the mark and the
     * backup again; a fault leaves the mark, so the area reads as possibly torn until restored.
     */
    private void rewrite(Dimm d, String command, Rewrite write) throws NvdimmException {
        synchronized (rewrite(d)) {
            LabelBackup saved = backups.save(d.id(), labels.readArea(d), command);
            backups.begin(d.id(), command, saved);
            try {
                write.run();
            } catch (NvdimmException e) {
                if (!e.isFault()) {
                    backups.end(d.id());
                    backups.discard(d.id(), saved);
                }
                throw e;
            }
            backups.end(d.id());
        }
    }

    private Object rewrite(Dimm d) {
        return rewrites.computeIfAbsent(d.id(), id -> new Object());
    }

    /**
     * Refuses while a wholesale rewrite of {@code d} began and did not finish. Callers hold
     * {@code rewrite(d)}: a mark seen then is one a crash or a fault left, not a rewrite in flight.
     */
    private void requireWhole(Dimm d, String what) throws NvdimmException {
        Optional<String[]> pending = backups.pending(d.id());
        if (pending.isPresent()) {
            String[] p = pending.get();
            throw new LabelException(torn(d, p) + ", so it cannot " + what);
        }
    }

    private static String torn(Dimm d, String[] pending) {
        String command = pending[0];
        String backup = pending.length > 2 ? pending[2] : "?";
        return d.dev() + "'s label area may be torn: " + command + " began at " + (pending.length > 1 ? pending[1] : "?")
                + " and did not finish; the area before it is saved as backup " + backup
                + ": restore it (ndctl:restore-labels -b " + backup + " " + d.dev() + ") or run " + command + " again";
    }

    @Override
    public List<LabelProblem> checkLabels(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "check the labels of " + dimm);
        Dimm d = findDimm(dimm);
        synchronized (rewrite(d)) {
            Optional<String[]> pending = backups.pending(d.id());
            List<LabelProblem> problems = new ArrayList<>();
            if (pending.isPresent()) {
                problems.add(LabelProblem.error("label area", "rewrite", "finished", torn(d, pending.get())));
            }
            try {
                problems.addAll(labels.check(d));
            } catch (LabelException e) {
                if (problems.isEmpty()) {
                    throw e;
                }
            }
            return problems;
        }
    }

    @Override
    public LabelState labelState(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + dimm);
        Dimm d = findDimm(dimm);
        synchronized (rewrite(d)) {
            return backups.pending(d.id()).isPresent() ? LabelState.DAMAGED : labelState(d);
        }
    }

    @Override
    public LabelState regionLabelState(String region) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + region);
        LabelState worst = LabelState.NONE;
        for (RegionMapping m : findRegion(region).mappings()) {
            LabelState s;
            synchronized (rewrite(m.dimm())) {
                s = backups.pending(m.dimm().id()).isPresent() ? LabelState.DAMAGED : labelState(m.dimm());
            }
            if (s.compareTo(worst) < 0) {
                worst = s;
            }
        }
        return worst;
    }

    private LabelState labelState(Dimm dimm) throws NvdimmException {
        if (!dimm.flags().contains(DimmFlag.LABELING)) {
            return LabelState.NONE;
        }
        try {
            LabelReading reading = labels.read(dimm);
            return reading.isValid() && reading.problems().stream().noneMatch(LabelProblem::isFallback)
                    ? LabelState.VALID : LabelState.DAMAGED;
        } catch (BlankLabelAreaException e) {
            return LabelState.BLANK;
        } catch (LabelException e) {
            if (e.problems().isEmpty()) {
                throw e; // could not read the area at all
            }
            return LabelState.DAMAGED;
        }
    }

    // ------------------------------------------------------------------ namespaces

    @Override
    public List<NamespaceInfo> namespaces(boolean idle) throws NvdimmException {
        Caller.require(Role.VIEWER, "list namespaces");
        if (namespaces == null) {
            return List.of();
        }
        List<NamespaceInfo> all = namespaces.namespaces();
        return idle ? all : all.stream().filter(NamespaceInfo::enabled).toList();
    }

    @Override
    public NamespaceInfo namespace(String name) throws NvdimmException {
        Caller.require(Role.VIEWER, "read " + name);
        return findNamespace(name);
    }

    @Override
    public List<NamespaceInfo> namespaces(List<String> names) throws NvdimmException {
        Caller.require(Role.VIEWER, "list namespaces");
        if (names.contains("all")) {
            return lifecycle().namespaces().stream().filter(NamespaceInfo::configured).toList();
        }
        List<NamespaceInfo> out = new ArrayList<>();
        for (String name : names) {
            NamespaceInfo n = findNamespace(name);
            if (out.stream().noneMatch(o -> o.dev().equals(n.dev()))) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public NamespaceInfo createNamespace(String region, NamespaceArguments options) throws NvdimmException {
        Caller.require(Role.MANAGER, "create a namespace" + (region == null ? "" : " in " + region));
        String target = region != null ? findRegion(region).dev() : roomiestRegion();
        return lifecycle().create(target, NamespaceArgumentParser.parse(options));
    }

    @Override
    public NamespaceInfo reconfigureNamespace(String namespace, NamespaceArguments options) throws NvdimmException {
        Caller.require(Role.MANAGER, "reconfigure " + namespace);
        return lifecycle().reconfigure(findNamespace(namespace).dev(), NamespaceArgumentParser.parse(options));
    }

    @Override
    public NamespaceMode namespaceMode(String text) throws NamespaceException {
        return NamespaceArgumentParser.mode(text);
    }

    @Override
    public boolean destroyNamespace(String namespace, boolean force) throws NvdimmException {
        Caller.require(Role.MANAGER, "destroy " + namespace);
        return lifecycle().destroy(findNamespace(namespace).dev(), force);
    }

    @Override
    public void enableNamespace(String namespace) throws NvdimmException {
        Caller.require(Role.MANAGER, "enable " + namespace);
        lifecycle().enable(findNamespace(namespace).dev());
    }

    @Override
    public void disableNamespace(String namespace) throws NvdimmException {
        Caller.require(Role.MANAGER, "disable " + namespace);
        lifecycle().disable(findNamespace(namespace).dev());
    }

    @Override
    public List<InfoBlockReport> readInfoblock(String namespace) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the info block of " + namespace);
        return lifecycle().readInfoblock(findNamespace(namespace).dev());
    }

    @Override
    public NamespaceCheck checkNamespace(String namespace, boolean force, boolean repair) throws NvdimmException {
        Caller.require(force || repair ? Role.MANAGER : Role.VIEWER, (repair ? "repair " : "check ") + namespace
                + (force ? " (-f disables it)" : ""));
        return lifecycle().check(findNamespace(namespace).dev(), force, repair);
    }

    private Namespaces lifecycle() throws NvdimmException {
        if (namespaces == null) {
            throw new NvdimmException("no namespace lifecycle here: this service was made without one");
        }
        return namespaces;
    }

    /** ndctl's {@code util_namespace_filter}: {@code namespaceR.M} or {@code R.M}. */
    private NamespaceInfo findNamespace(String name) throws NvdimmException {
        String dev = name.matches("\\d{1,9}\\.\\d{1,9}") ? "namespace" + name : name;
        try {
            return lifecycle().namespace(dev);
        } catch (NamespaceException e) {
            throw new NoSuchDeviceException(e.getMessage().replace("'" + dev + "'", "'" + name + "'"));
        }
    }

    /** The enabled region with the largest free extent (the first of equals), or the first enabled one. */
    private String roomiestRegion() throws NvdimmException {
        Region best = null;
        for (Region r : allRegions()) {
            if (r.isEnabled() && (best == null || r.maxAvailableExtent() > best.maxAvailableExtent())) {
                best = r;
            }
        }
        if (best == null) {
            throw new NamespaceException("failed to create namespace: No such device or address: no region is enabled"
                    + (allRegions().isEmpty() ? " (there are none)" : " (ndctl:enable-region)"));
        }
        return best.dev();
    }

    // ------------------------------------------------------------------ names, as ndctl's filters take them

    private List<Dimm> allDimms() {
        return nvdimm.buses().stream().flatMap(b -> b.dimms().stream()).toList();
    }

    private List<Region> allRegions() {
        return nvdimm.buses().stream().flatMap(b -> b.regions().stream()).toList();
    }

    /** ndctl's {@code util_bus_filter}: {@code ndbusN}, N, or the provider's name. */
    private Bus findBus(String name) throws NoSuchDeviceException {
        for (Bus bus : nvdimm.buses()) {
            if (bus.dev().equals(name) || bus.provider().equals(name) || number(name, "ndbus", bus.dev())) {
                return bus;
            }
        }
        throw unknown("bus", name, nvdimm.buses().stream().map(Bus::dev).toList());
    }

    /** ndctl's {@code util_dimm_filter}: {@code nmemN}, N, or the DIMM's unique id. */
    private Dimm findDimm(String name) throws NoSuchDeviceException {
        List<Dimm> all = allDimms();
        for (Dimm dimm : all) {
            if (dimm.dev().equals(name) || dimm.id().equals(name) || number(name, "nmem", dimm.dev())) {
                return dimm;
            }
        }
        throw unknown("DIMM", name, all.stream().map(Dimm::dev).toList());
    }

    /** ndctl's {@code util_region_filter}: {@code regionN} or N. */
    private Region findRegion(String name) throws NoSuchDeviceException {
        List<Region> all = allRegions();
        for (Region region : all) {
            if (region.dev().equals(name) || number(name, "region", region.dev())) {
                return region;
            }
        }
        throw unknown("region", name, all.stream().map(Region::dev).toList());
    }

    /** Whether {@code name} is the number of {@code dev} ({@code 0} for {@code nmem0}). */
    private static boolean number(String name, String prefix, String dev) {
        return !name.isEmpty() && name.length() <= 9 && name.chars().allMatch(Character::isDigit)
                && dev.equals(prefix + Integer.parseInt(name));
    }

    private static NoSuchDeviceException unknown(String kind, String name, List<String> known) {
        return new NoSuchDeviceException("no " + kind + " '" + name + "': "
                + (known.isEmpty() ? "there are none" : "there " + (known.size() == 1 ? "is " : "are ")
                        + String.join(", ", known)));
    }

    @FunctionalInterface
    private interface Finder<T> {
        T find(String name) throws NoSuchDeviceException;
    }

    private static <T> List<T> select(List<String> names, List<T> all, Finder<T> find) throws NoSuchDeviceException {
        if (names.contains("all")) {
            return all;
        }
        List<T> out = new ArrayList<>();
        for (String name : names) {
            T device = find.find(name);
            if (!out.contains(device)) {
                out.add(device);
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ records

    private static BusInfo info(Bus bus) {
        return new BusInfo(bus.dev(), bus.provider(), bus.families(), bus.dimms().stream().map(NdctlService::info)
                .toList(), bus.regions().stream().map(NdctlService::info).toList());
    }

    static DimmInfo info(Dimm dimm) {
        long size;
        try {
            size = dimm.configSize().configSize();
        } catch (NvdimmException e) {
            size = -1;
        }
        return new DimmInfo(dimm.dev(), dimm.bus().dev(), dimm.id(), dimm.handle(), dimm.isEnabled(),
                dimm.isReadOnly(), dimm.inOverwrite(), dimm.flags(), dimm.commands(), dimm.families(), size);
    }

    static RegionInfo info(Region r) {
        Function<RegionMapping, MappingInfo> mapping = m -> new MappingInfo(m.dimm().dev(), m.start(), m.size(),
                m.position());
        return new RegionInfo(r.dev(), r.bus().dev(), r.size(), r.align(), r.availableSize(), r.maxAvailableExtent(),
                r.type(), r.interleaveSet().cookie1(), r.mappings().stream().map(mapping).toList(),
                r.persistenceDomain(), r.isEnabled(), r.isReadOnly(), r.start(), r.targetNode());
    }

    // ------------------------------------------------------------------ the card's controller

    @Override
    public Optional<DimmHealth> health(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the health of " + dimm);
        return controllers.health(findDimm(dimm));
    }

    @Override
    public Optional<FirmwareState> firmware(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the firmware state of " + dimm);
        return controllers.firmware(findDimm(dimm));
    }

    @Override
    public FirmwareState updateFirmware(String dimm, byte[] image, boolean activate, Progress progress)
            throws NvdimmException {
        Caller.require(Role.ADMIN, "update the firmware of " + dimm);
        return controllers.updateFirmware(findDimm(dimm), image, activate, progress);
    }

    @Override
    public OverwriteState sanitize(String dimm, Progress progress) throws NvdimmException {
        Caller.require(Role.ADMIN, "overwrite " + dimm);
        return controllers.sanitize(findDimm(dimm), allRegions(), progress);
    }

    @Override
    public List<ErrorLogEntry> errorLog(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the error log of " + dimm);
        return controllers.errorLog(findDimm(dimm));
    }

    @Override
    public ControllerStats statistics(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the controller statistics of " + dimm);
        return controllers.statistics(findDimm(dimm));
    }

    @Override
    public byte[] controllerDump(String dimm) throws NvdimmException {
        Caller.require(Role.ADMIN, "take a controller dump of " + dimm);
        return controllers.controllerDump(findDimm(dimm));
    }

    @Override
    public void injectSmart(String dimm, SmartInjection injection) throws NvdimmException {
        Caller.require(Role.ADMIN, "inject SMART values into " + dimm);
        controllers.injectSmart(findDimm(dimm), injection);
    }

    @Override
    public void injectError(String region, long block, long count, boolean notify) throws NvdimmException {
        Caller.require(Role.ADMIN, "inject media errors in " + region);
        controllers.injectError(findRegion(region), block, count, notify);
    }

    @Override
    public void uninjectError(String region, long block, long count) throws NvdimmException {
        Caller.require(Role.ADMIN, "inject media errors in " + region);
        controllers.uninjectError(findRegion(region), block, count);
    }

    @Override
    public List<BadBlock> injectedErrors(String region) throws NvdimmException {
        Caller.require(Role.VIEWER, "list media errors in " + region);
        return controllers.injectedErrors(findRegion(region));
    }

    @Override
    public List<BadBlock> badBlocks(String region) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the bad blocks of " + region);
        return findRegion(region).badBlocks();
    }

    @Override
    public Monitor monitor(List<String> dimms, Set<DimmEventType> events, int pollSeconds, Consumer<DimmEvent> sink)
            throws NvdimmException {
        Caller.require(Role.MANAGER, "monitor " + String.join(", ", dimms));
        return controllers.monitor(select(dimms, allDimms(), this::findDimm), events, pollSeconds, sink);
    }

    /** A card controller's event (from EventAdmin, see ScmEvents, or a standalone caller): the monitors of its DIMM look. */
    public void controllerEvent(ScmEvent event) {
        controllers.event(event);
    }
}
