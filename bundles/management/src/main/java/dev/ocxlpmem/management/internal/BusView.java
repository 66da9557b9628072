package dev.ocxlpmem.management.internal;

import java.util.List;

import javax.management.ObjectName;

import dev.ocxlpmem.management.BusMXBean;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;

final class BusView extends DescribedView implements BusMXBean {
    private final Ndctl ndctl;
    private final String dev;

    BusView(Ndctl ndctl, String dev) {
        super(BusMXBean.class, ObjectNames.of(ObjectNames.bus(dev)), NvdimmEvent.Kind.BUS);
        this.ndctl = ndctl;
        this.dev = dev;
    }

    private BusInfo bus() {
        try {
            return ndctl.bus(dev);
        } catch (NvdimmException e) {
            throw forJmx(e);
        }
    }

    @Override
    public String getDev() {
        return dev;
    }

    @Override
    public String getProvider() {
        return bus().provider();
    }

    @Override
    public List<Integer> getFamilies() {
        return bus().families().stream().sorted().toList();
    }

    @Override
    public ObjectName[] getDimms() {
        return bus().dimms().stream().map(d -> ObjectNames.of(ObjectNames.dimm(d.dev()))).toArray(ObjectName[]::new);
    }

    @Override
    public ObjectName[] getRegions() {
        return bus().regions().stream().map(r -> ObjectNames.of(ObjectNames.region(r.dev())))
                .toArray(ObjectName[]::new);
    }
}
