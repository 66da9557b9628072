package dev.ocxlpmem.management.internal;

import java.util.stream.Collectors;

import javax.management.ObjectName;

import dev.ocxlpmem.management.NamespaceMXBean;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.ndctl.NamespaceArguments;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.nvdimm.NvdimmException;

/** A namespace's MBean: each attribute and operation a call of the same service the console uses. */
final class NamespaceView extends DescribedView implements NamespaceMXBean {
    private final Ndctl ndctl;
    private final String dev;
    private final NamespaceMBeans namespaceMBeans;

    NamespaceView(Ndctl ndctl, String dev) {
        this(ndctl, dev, NamespaceMBeans.NONE);
    }

    NamespaceView(Ndctl ndctl, String dev, NamespaceMBeans namespaceMBeans) {
        super(NamespaceMXBean.class, ObjectNames.of(ObjectNames.namespace(dev)), true);
        this.ndctl = ndctl;
        this.dev = dev;
        this.namespaceMBeans = namespaceMBeans;
    }

    private NamespaceInfo info() {
        try {
            return ndctl.namespace(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    private NamespaceListing listing() {
        return info().listing();
    }

    private static String text(Object value) {
        return value == null ? "" : value.toString();
    }

    @Override
    public String getDev() {
        return dev;
    }

    @Override
    public ObjectName getRegion() {
        return ObjectNames.of(ObjectNames.region(info().region()));
    }

    @Override
    public String getMode() {
        return listing().mode().text();
    }

    @Override
    public String getMap() {
        return text(listing().map());
    }

    @Override
    public long getSize() {
        return listing().size();
    }

    @Override
    public String getUuid() {
        return text(listing().uuid());
    }

    @Override
    public String getRawUuid() {
        return text(info().labelUuid());
    }

    @Override
    public String getName() {
        return listing().name();
    }

    @Override
    public long getAlign() {
        return listing().align();
    }

    @Override
    public long getDataOffset() {
        return info().dataOffset();
    }

    @Override
    public int getSectorSize() {
        return listing().sectorSize();
    }

    @Override
    public String getState() {
        return listing().enabled() ? "enabled" : "disabled";
    }

    @Override
    public String getBlockdev() {
        return text(listing().blockdev());
    }

    @Override
    public String getChardev() {
        return text(listing().chardev());
    }

    @Override
    public void enable() {
        try {
            ndctl.enableNamespace(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public void disable() {
        try {
            ndctl.disableNamespace(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public void destroy(boolean force) {
        try {
            ndctl.destroyNamespace(dev, force);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
        namespaceMBeans.sync(dev);
    }

    @Override
    public String reconfigure(String mode, String size, String name, String align, boolean force) {
        try {
            NamespaceArguments options = new NamespaceArguments(RegionView.given(mode), RegionView.given(size),
                    RegionView.given(name), RegionView.given(align), null, null, null, force, true);
            NamespaceInfo reconfigured = ndctl.reconfigureNamespace(dev, options);
            namespaceMBeans.sync(dev);
            namespaceMBeans.sync(reconfigured.dev());
            return NdctlJson.write(NdctlJson.namespace(reconfigured, false, true, false));
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public String readInfoblock() {
        try {
            return NdctlJson.write(ndctl.readInfoblock(dev).stream().map(r -> (Object) r.fields(false)).toList());
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public String check(boolean force) {
        return check(force, false);
    }

    @Override
    public String repair(boolean force) {
        return check(force, true);
    }

    private String check(boolean force, boolean repair) {
        try {
            NamespaceCheck c = ndctl.checkNamespace(dev, force, repair);
            return c.found() + c.repaired().stream().map(p -> "\nrepaired: " + p).collect(Collectors.joining())
                    + c.problems().stream().map(p -> "\n" + p).collect(Collectors.joining());
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }
}
