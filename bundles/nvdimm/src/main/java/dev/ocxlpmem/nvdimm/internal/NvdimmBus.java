package dev.ocxlpmem.nvdimm.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;

/** A registered bus: owns its DIMMs and regions and is the only path from a tool to a provider. */
final class NvdimmBus implements Bus {
    private final NvdimmCore core;
    private final String dev;
    private final BusDescriptor descriptor;
    private final List<NvdimmDimm> dimms = new ArrayList<>();
    private final List<PmemRegion> regions = new ArrayList<>();
    private Runnable withdraw = () -> { };
    private volatile boolean registered = true;

    NvdimmBus(NvdimmCore core, String dev, BusDescriptor descriptor) {
        this.core = core;
        this.dev = dev;
        this.descriptor = descriptor;
    }

    void published(Runnable withdraw) {
        this.withdraw = withdraw;
    }

    @Override
    public String dev() {
        return dev;
    }

    @Override
    public String provider() {
        return descriptor.providerName();
    }

    @Override
    public BusDescriptor descriptor() {
        return descriptor;
    }

    @Override
    public synchronized List<Dimm> dimms() {
        return List.copyOf(dimms);
    }

    @Override
    public synchronized List<Region> regions() {
        return List.copyOf(regions);
    }

    @Override
    public synchronized Dimm createDimm(DimmDescriptor descriptor) {
        requireRegistered();
        NvdimmDimm dimm = new NvdimmDimm(this, core.dimmNames.take(), dimms.size(), descriptor);
        dimms.add(dimm);
        dimm.published(core.publisher().publish(Dimm.class, dimm, dimm.dev(), dev));
        return dimm;
    }

    @Override
    public synchronized void checkDimmCount(int expected) throws NvdimmException {
        if (dimms.size() != expected) {
            throw new NvdimmException(dev + " has " + dimms.size() + " DIMMs, expected " + expected);
        }
    }

    @Override
    public synchronized Region createPmemRegion(RegionDescriptor descriptor) throws NvdimmException {
        requireRegistered();
        if (descriptor.size() <= 0) {
            throw new NvdimmException(dev + ": a region needs a positive size, not " + descriptor.size());
        }
        if (descriptor.mappings().isEmpty()) {
            throw new NvdimmException(dev + ": a region needs at least one DIMM mapping");
        }
        long mapped = 0;
        for (RegionMapping mapping : descriptor.mappings()) {
            if (!dimms.contains(mapping.dimm())) {
                throw new NvdimmException(dev + ": mapping names " + mapping.dimm().dev() + ", which is not on this bus");
            }
            if (mapping.start() < 0 || mapping.size() <= 0) {
                throw new NvdimmException(dev + ": mapping on " + mapping.dimm().dev() + " has start "
                        + mapping.start() + " and size " + mapping.size());
            }
            mapped += mapping.size();
        }
        if (mapped != descriptor.size()) {
            throw new NvdimmException(dev + ": mappings cover " + mapped + " bytes but the region is "
                    + descriptor.size());
        }
        PmemRegion region = new PmemRegion(this, core.regionNames.take(), descriptor);
        regions.add(region);
        region.published(core.publisher().publish(Region.class, region, region.dev(), dev));
        return region;
    }

    @Override
    public <R> R call(Dimm dimm, DimmCommand<R> command) throws NvdimmException {
        if (!registered) {
            throw new CommandException(dev + " is no longer registered: its device went away");
        }
        // DIMMs leave a bus only when it is unregistered, which the check above covers.
        if (!(dimm instanceof NvdimmDimm) || dimm.bus() != this) {
            throw new CommandException(dimm.dev() + " is not a DIMM of " + dev);
        }
        if (!dimm.supports(command.type())) {
            throw new CommandException(dimm.dev() + " does not support " + command.type()
                    + "; it supports " + dimm.commands());
        }
        if (command instanceof DimmCommand.Call call) {
            if (!descriptor.families().contains(call.family())) {
                throw new CommandException(dev + " does not pass command family " + call.family()
                        + "; its family mask is " + descriptor.families());
            }
            if (dimm.family() != call.family()) {
                throw new CommandException(dimm.dev() + " speaks command family " + dimm.family()
                        + ", not " + call.family());
            }
        }
        try {
            return descriptor.handler().execute(dimm, command);
        } catch (CommandException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CommandException(dimm.dev() + ": " + command.type() + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void unregister() {
        List<PmemRegion> goneRegions;
        List<NvdimmDimm> goneDimms;
        synchronized (this) {
            if (!registered) {
                return;
            }
            registered = false;
            goneRegions = new ArrayList<>(regions);
            goneDimms = new ArrayList<>(dimms);
            regions.clear();
            dimms.clear();
        }
        // Reverse order of creation: regions, then DIMMs, then the bus.
        for (int i = goneRegions.size() - 1; i >= 0; i--) {
            goneRegions.get(i).removed();
            core.regionNames.release(goneRegions.get(i).dev());
        }
        for (int i = goneDimms.size() - 1; i >= 0; i--) {
            goneDimms.get(i).removed();
            core.dimmNames.release(goneDimms.get(i).dev());
        }
        withdraw.run();
        core.removed(this);
    }

    @Override
    public boolean isRegistered() {
        return registered;
    }

    private void requireRegistered() {
        if (!registered) {
            throw new IllegalStateException(dev + " is no longer registered");
        }
    }

    @Override
    public String toString() {
        return dev + " (" + provider() + ")";
    }
}
