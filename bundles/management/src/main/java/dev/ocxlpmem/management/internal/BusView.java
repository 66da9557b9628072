package dev.ocxlpmem.management.internal;

import java.util.List;

import javax.management.StandardMBean;

import dev.ocxlpmem.management.BusMXBean;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Region;

/** Extends StandardMBean as an MXBean: the Aries whiteboard would otherwise lose the open types. */
final class BusView extends StandardMBean implements BusMXBean {
    private final Bus bus;

    BusView(Bus bus) {
        super(BusMXBean.class, true);
        this.bus = bus;
    }

    @Override
    public String getDev() {
        return bus.dev();
    }

    @Override
    public String getProvider() {
        return bus.provider();
    }

    @Override
    public List<String> getDimms() {
        return bus.dimms().stream().map(Dimm::dev).toList();
    }

    @Override
    public List<String> getRegions() {
        return bus.regions().stream().map(Region::dev).toList();
    }
}
