package dev.ocxlpmem.ndctl.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

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
import dev.ocxlpmem.ndctl.ListRequest;
import dev.ocxlpmem.ndctl.Listing;
import dev.ocxlpmem.ndctl.Monitor;
import dev.ocxlpmem.ndctl.NamespaceArguments;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NoSuchDeviceException;
import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.ndctl.Progress;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.ndctl.Role;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.FamilyCodec;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.SmartInjection;
import dev.ocxlpmem.scm.ControllerStats;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.OverwriteState;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * The operations, over the nvdimm core, the label store and the namespace lifecycle; nothing here
 * talks to a provider. Each checks the caller's role, then hands the work to what does it: the
 * devices by ndctl's names ({@link Devices}), the label areas ({@link LabelAreas}), the namespaces
 * ({@link NamespaceOperations}), the controllers ({@link ControllerOperations}) and the listing
 * ({@link ListWalk}). The card controllers' events reach it through {@link #controllerEvent}, for
 * {@link #monitor}.
 */
@Component(service = Ndctl.class)
public final class NdctlService implements Ndctl {
    private final Devices devices;
    private final LabelAreas labelAreas;
    private final NamespaceOperations namespaceOperations;
    private final Nvdimm nvdimm;
    /** The controller operations, through the codecs the providers registered with the core. */
    private final ControllerOperations controllers = new ControllerOperations(new Families(this::codec));
    private final ListWalk listing = new ListWalk(this);

    @Activate
    public NdctlService(BundleContext context, @Reference Nvdimm nvdimm, @Reference LabelStore labels,
            @Reference Namespaces namespaces) {
        this(nvdimm, labels, backupDirectory(context), namespaces);
    }

    /** Outside OSGi (the {@code standalone} package); without {@code namespaces} (null) there are none. */
    public NdctlService(Nvdimm nvdimm, LabelStore labels, Path backups, Namespaces namespaces) {
        this.nvdimm = nvdimm;
        this.devices = new Devices(nvdimm);
        this.labelAreas = new LabelAreas(labels, backups);
        this.namespaceOperations = new NamespaceOperations(devices, namespaces);
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

    @Override
    public Listing list(ListRequest request) throws NvdimmException {
        return listing.walk(request);
    }

    @Override
    public List<BusInfo> buses() {
        return devices.buses().stream().map(Devices::info).toList();
    }

    @Override
    public BusInfo bus(String name) throws NoSuchDeviceException {
        return Devices.info(devices.bus(name));
    }

    @Override
    public DimmInfo dimm(String name) throws NoSuchDeviceException {
        return Devices.info(findDimm(name));
    }

    @Override
    public RegionInfo region(String name) throws NoSuchDeviceException {
        return Devices.info(findRegion(name));
    }

    @Override
    public List<DimmInfo> dimms(List<String> names) throws NoSuchDeviceException {
        return select(names, allDimms(), this::findDimm).stream().map(Devices::info).toList();
    }

    @Override
    public List<RegionInfo> regions(List<String> names) throws NoSuchDeviceException {
        return select(names, allRegions(), this::findRegion).stream().map(Devices::info).toList();
    }

    @Override
    public void enableRegion(String region) throws NvdimmException {
        Caller.require(Role.MANAGER, "enable " + region);
        labelAreas.enableIfWhole(findRegion(region));
    }

    @Override
    public void disableRegion(String region) throws NvdimmException {
        Caller.require(Role.MANAGER, "disable " + region);
        findRegion(region).disable();
    }

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

    @Override
    public void initLabels(String dimm, LabelVersion version, boolean force) throws NvdimmException {
        Caller.require(Role.ADMIN, "initialise the labels of " + dimm);
        labelAreas.init(findDimm(dimm), version, force);
    }

    @Override
    public void zeroLabels(String dimm) throws NvdimmException {
        Caller.require(Role.ADMIN, "zero the labels of " + dimm);
        labelAreas.zero(findDimm(dimm));
    }

    @Override
    public LabelReading readLabels(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + dimm);
        return labelAreas.read(findDimm(dimm));
    }

    @Override
    public byte[] readLabelArea(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the label area of " + dimm);
        return labelAreas.readArea(findDimm(dimm));
    }

    @Override
    public void writeLabels(String dimm, byte[] area) throws NvdimmException {
        Caller.require(Role.ADMIN, "write the labels of " + dimm);
        labelAreas.write(findDimm(dimm), area);
    }

    @Override
    public List<LabelBackup> labelBackups(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "list the label backups of " + dimm);
        return labelAreas.backups(findDimm(dimm));
    }

    @Override
    public void restoreLabels(String dimm, String backup) throws NvdimmException {
        Caller.require(Role.ADMIN, "restore the labels of " + dimm);
        labelAreas.restore(findDimm(dimm), backup);
    }

    @Override
    public List<LabelProblem> checkLabels(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "check the labels of " + dimm);
        return labelAreas.check(findDimm(dimm));
    }

    @Override
    public LabelState labelState(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + dimm);
        return labelAreas.state(findDimm(dimm));
    }

    @Override
    public LabelState regionLabelState(String region) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + region);
        return labelAreas.state(findRegion(region));
    }

    @Override
    public List<NamespaceInfo> namespaces(boolean idle) throws NvdimmException {
        Caller.require(Role.VIEWER, "list namespaces");
        return namespaceOperations.list(idle);
    }

    @Override
    public NamespaceInfo namespace(String name) throws NvdimmException {
        Caller.require(Role.VIEWER, "read " + name);
        return namespaceOperations.find(name);
    }

    @Override
    public List<NamespaceInfo> namespaces(List<String> names) throws NvdimmException {
        Caller.require(Role.VIEWER, "list namespaces");
        return namespaceOperations.list(names);
    }

    @Override
    public NamespaceInfo createNamespace(String region, NamespaceArguments options) throws NvdimmException {
        Caller.require(Role.MANAGER, "create a namespace" + (region == null ? "" : " in " + region));
        return namespaceOperations.create(region, options);
    }

    @Override
    public NamespaceInfo reconfigureNamespace(String namespace, NamespaceArguments options) throws NvdimmException {
        Caller.require(Role.MANAGER, "reconfigure " + namespace);
        return namespaceOperations.reconfigure(namespace, options);
    }

    @Override
    public NamespaceMode namespaceMode(String text) throws NamespaceException {
        return NamespaceArgumentParser.mode(text);
    }

    @Override
    public boolean destroyNamespace(String namespace, boolean force) throws NvdimmException {
        Caller.require(Role.MANAGER, "destroy " + namespace);
        return namespaceOperations.destroy(namespace, force);
    }

    @Override
    public void enableNamespace(String namespace) throws NvdimmException {
        Caller.require(Role.MANAGER, "enable " + namespace);
        namespaceOperations.enable(namespace);
    }

    @Override
    public void disableNamespace(String namespace) throws NvdimmException {
        Caller.require(Role.MANAGER, "disable " + namespace);
        namespaceOperations.disable(namespace);
    }

    @Override
    public List<InfoBlockReport> readInfoblock(String namespace) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the info block of " + namespace);
        return namespaceOperations.readInfoblock(namespace);
    }

    @Override
    public NamespaceCheck checkNamespace(String namespace, boolean force, boolean repair) throws NvdimmException {
        Caller.require(force || repair ? Role.MANAGER : Role.VIEWER, (repair ? "repair " : "check ") + namespace
                + (force ? " (-f disables it)" : ""));
        return namespaceOperations.check(namespace, force, repair);
    }

    private List<Dimm> allDimms() {
        return devices.dimms();
    }

    private List<Region> allRegions() {
        return devices.regions();
    }

    private Dimm findDimm(String name) throws NoSuchDeviceException {
        return devices.dimm(name);
    }

    private Region findRegion(String name) throws NoSuchDeviceException {
        return devices.region(name);
    }

    private static <T> List<T> select(List<String> names, List<T> all, Devices.Finder<T> find)
            throws NoSuchDeviceException {
        return Devices.select(names, all, find);
    }

    static DimmInfo info(Dimm dimm) {
        return Devices.info(dimm);
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
