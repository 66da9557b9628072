package dev.ocxlpmem.nvdimm.internal;

import java.util.List;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;

/** A pmem region. Created enabled, as libnvdimm probes a new region at once. */
final class PmemRegion implements Region {
    private final NvdimmBus bus;
    private final String dev;
    private final RegionDescriptor descriptor;
    private volatile boolean enabled = true;
    private Runnable withdraw = () -> { };

    PmemRegion(NvdimmBus bus, String dev, RegionDescriptor descriptor) {
        this.bus = bus;
        this.dev = dev;
        this.descriptor = descriptor;
    }

    void published(Runnable withdraw) {
        this.withdraw = withdraw;
    }

    void removed() {
        enabled = false;
        withdraw.run();
    }

    @Override
    public String dev() {
        return dev;
    }

    @Override
    public Bus bus() {
        return bus;
    }

    @Override
    public String type() {
        return "pmem";
    }

    @Override
    public long start() {
        return descriptor.start();
    }

    @Override
    public long size() {
        return descriptor.size();
    }

    @Override
    public List<RegionMapping> mappings() {
        return descriptor.mappings();
    }

    @Override
    public InterleaveSet interleaveSet() {
        return descriptor.interleaveSet();
    }

    @Override
    public int targetNode() {
        return descriptor.targetNode();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public void enable() {
        if (!bus.isRegistered()) {
            throw new IllegalStateException(dev + " is gone: its bus " + bus.dev() + " was unregistered");
        }
        enabled = true;
    }

    @Override
    public void disable() {
        enabled = false;
    }

    @Override
    public String toString() {
        return dev;
    }
}
