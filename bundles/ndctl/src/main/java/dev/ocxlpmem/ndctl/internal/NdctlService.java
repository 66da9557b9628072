package dev.ocxlpmem.ndctl.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.LabelState;
import dev.ocxlpmem.ndctl.MappingInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NoSuchDeviceException;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.ndctl.Role;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionMapping;

/** The operations, over the nvdimm core and the label store; nothing here talks to a provider. */
@Component(service = Ndctl.class)
public final class NdctlService implements Ndctl {
    private final Nvdimm nvdimm;
    private final LabelStore labels;
    /** The namespace lifecycle; null outside OSGi when not given (no namespaces then). */
    @Reference
    Namespaces namespaces;

    @Activate
    public NdctlService(@Reference Nvdimm nvdimm, @Reference LabelStore labels) {
        this.nvdimm = nvdimm;
        this.labels = labels;
    }

    public NdctlService(Nvdimm nvdimm, LabelStore labels, Namespaces namespaces) {
        this(nvdimm, labels);
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
        findRegion(region).enable();
    }

    @Override
    public void disableRegion(String region) throws NvdimmException {
        Caller.require(Role.MANAGER, "disable " + region);
        findRegion(region).disable();
    }

    // ------------------------------------------------------------------ labels

    @Override
    public void initLabels(String dimm, LabelVersion version, boolean force) throws NvdimmException {
        Caller.require(Role.ADMIN, "initialise the labels of " + dimm);
        labels.init(findDimm(dimm), version, force);
    }

    @Override
    public void zeroLabels(String dimm) throws NvdimmException {
        Caller.require(Role.ADMIN, "zero the labels of " + dimm);
        labels.zero(findDimm(dimm));
    }

    @Override
    public LabelReading readLabels(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + dimm);
        return labels.read(findDimm(dimm));
    }

    @Override
    public byte[] readLabelArea(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the label area of " + dimm);
        return labels.readArea(findDimm(dimm));
    }

    @Override
    public void writeLabels(String dimm, byte[] area) throws NvdimmException {
        Caller.require(Role.ADMIN, "write the labels of " + dimm);
        labels.write(findDimm(dimm), area);
    }

    @Override
    public List<LabelProblem> checkLabels(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "check the labels of " + dimm);
        return labels.check(findDimm(dimm));
    }

    @Override
    public LabelState labelState(String dimm) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + dimm);
        return labelState(findDimm(dimm));
    }

    @Override
    public LabelState regionLabelState(String region) throws NvdimmException {
        Caller.require(Role.VIEWER, "read the labels of " + region);
        LabelState worst = LabelState.NONE;
        for (RegionMapping m : findRegion(region).mappings()) {
            LabelState s = labelState(m.dimm());
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
            return labels.read(dimm).isValid() ? LabelState.VALID : LabelState.DAMAGED;
        } catch (LabelException e) {
            if (e.problems().isEmpty()) {
                throw e; // could not read the area at all
            }
            return LabelState.BLANK;
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
    public NamespaceInfo createNamespace(String region, NamespaceOptions options) throws NvdimmException {
        Caller.require(Role.MANAGER, "create a namespace" + (region == null ? "" : " in " + region));
        String target = region != null ? findRegion(region).dev() : roomiestRegion();
        return lifecycle().create(target, options);
    }

    @Override
    public NamespaceInfo reconfigureNamespace(String namespace, NamespaceOptions options) throws NvdimmException {
        Caller.require(Role.MANAGER, "reconfigure " + namespace);
        return lifecycle().reconfigure(findNamespace(namespace).dev(), options);
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
    public NamespaceCheck checkNamespace(String namespace, boolean force) throws NvdimmException {
        Caller.require(force ? Role.MANAGER : Role.VIEWER, "check " + namespace + (force ? " (-f disables it)" : ""));
        return lifecycle().check(findNamespace(namespace).dev(), force);
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
                dimm.isReadOnly(), dimm.flags(), dimm.commands(), dimm.families(), size);
    }

    static RegionInfo info(Region r) {
        Function<RegionMapping, MappingInfo> mapping = m -> new MappingInfo(m.dimm().dev(), m.start(), m.size(),
                m.position());
        return new RegionInfo(r.dev(), r.bus().dev(), r.size(), r.align(), r.availableSize(), r.maxAvailableExtent(),
                r.type(), r.interleaveSet().cookie1(), r.mappings().stream().map(mapping).toList(),
                r.persistenceDomain(), r.isEnabled(), r.isReadOnly(), r.start(), r.targetNode());
    }
}
