package dev.ocxlpmem.management.internal;

import java.util.List;

import javax.management.ObjectName;

import dev.ocxlpmem.management.MappingData;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.management.RegionMXBean;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.ndctl.NamespaceArguments;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;

/** A region's MBean: what the region says of itself, through the same service the console uses. */
final class RegionView extends DescribedView implements RegionMXBean {
    private final Ndctl ndctl;
    private final String dev;
    private final NamespaceMBeans namespaceMBeans;

    RegionView(Ndctl ndctl, String dev) {
        this(ndctl, dev, NamespaceMBeans.NONE);
    }

    RegionView(Ndctl ndctl, String dev, NamespaceMBeans namespaceMBeans) {
        super(RegionMXBean.class, ObjectNames.of(ObjectNames.region(dev)), true, NvdimmEvent.Kind.REGION);
        this.ndctl = ndctl;
        this.dev = dev;
        this.namespaceMBeans = namespaceMBeans;
    }

    private RegionInfo region() {
        try {
            return ndctl.region(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public String getDev() {
        return dev;
    }

    @Override
    public ObjectName getBus() {
        return ObjectNames.of(ObjectNames.bus(region().bus()));
    }

    @Override
    public String getType() {
        return region().type();
    }

    @Override
    public long getSize() {
        return region().size();
    }

    @Override
    public long getStart() {
        return region().start();
    }

    @Override
    public long getAlign() {
        return region().align();
    }

    @Override
    public long getAvailableSize() {
        return region().availableSize();
    }

    @Override
    public long getMaxAvailableExtent() {
        return region().maxAvailableExtent();
    }

    @Override
    public String getPersistenceDomain() {
        return region().persistenceDomain().ndctlName();
    }

    @Override
    public String getState() {
        return region().enabled() ? "enabled" : "disabled";
    }

    @Override
    public boolean isReadOnly() {
        return region().readOnly();
    }

    @Override
    public long getIsetId() {
        return region().isetId();
    }

    @Override
    public int getTargetNode() {
        return region().targetNode();
    }

    @Override
    public List<MappingData> getMappings() {
        return region().mappings().stream()
                .map(m -> new MappingData(m.dimm(), m.offset(), m.length(), m.position())).toList();
    }

    @Override
    public ObjectName[] getDimms() {
        return region().mappings().stream().map(m -> ObjectNames.of(ObjectNames.dimm(m.dimm())))
                .toArray(ObjectName[]::new);
    }

    @Override
    public String getLabelState() {
        try {
            return ndctl.regionLabelState(dev).name();
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public void enableRegion() {
        try {
            ndctl.enableRegion(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
        namespaceMBeans.syncAll();
    }

    @Override
    public void disableRegion() {
        try {
            ndctl.disableRegion(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
        namespaceMBeans.syncAll();
    }

    @Override
    public ObjectName[] getNamespaces() {
        try {
            return ndctl.namespaces(true).stream().filter(n -> n.region().equals(dev) && n.configured())
                    .map(n -> ObjectNames.of(ObjectNames.namespace(n.dev()))).toArray(ObjectName[]::new);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public String createNamespace(String mode, String size, String name, String align, String uuid) {
        try {
            NamespaceArguments options = new NamespaceArguments(given(mode), given(size), given(name), given(align),
                    given(uuid), null, null, false, true);
            NamespaceInfo created = ndctl.createNamespace(dev, options);
            namespaceMBeans.sync(created.dev());
            return NdctlJson.write(NdctlJson.namespace(created, false, true, false));
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    /** JConsole sends an empty string for a parameter left blank: not given. */
    static String given(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
