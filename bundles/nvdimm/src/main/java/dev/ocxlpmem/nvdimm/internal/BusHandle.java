package dev.ocxlpmem.nvdimm.internal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmRegistration;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;

/** The provider's handle on its bus; clients only ever see the {@link NvdimmBus}. */
final class BusHandle implements BusRegistration {
    private static final Logger LOG = LoggerFactory.getLogger(BusHandle.class);
    private final NvdimmBus bus;

    BusHandle(NvdimmBus bus) {
        this.bus = bus;
    }

    @Override
    public Bus bus() {
        return bus;
    }

    @Override
    public DimmRegistration createDimm(DimmDescriptor descriptor) throws NvdimmException {
        Core core = bus.core();
        bus.requireRegistered();
        if (!core.claimDimmId(descriptor.id())) {
            String other = core.buses().stream().flatMap(b -> b.dimms().stream())
                    .filter(d -> d.id().equals(descriptor.id())).map(d -> d.dev() + " on " + d.bus().dev())
                    .findFirst().orElse("another DIMM");
            throw new NvdimmException(bus.dev() + ": a DIMM with id " + descriptor.id() + " is registered already ("
                    + other + "): two devices claim the same identity");
        }
        NvdimmDimm dimm;
        synchronized (bus) {
            dimm = new NvdimmDimm(bus, core.dimmNames.take(), bus.dimmCount(), descriptor);
            try {
                bus.add(dimm);
            } catch (NvdimmException e) {
                core.dimmNames.release(dimm.dev());
                core.releaseDimmId(descriptor.id());
                throw e;
            }
        }
        dimm.published(core.publisher().publish(Dimm.class, dimm, dimm.dev(), bus.dev()));
        core.event(NvdimmEvent.Kind.DIMM, NvdimmEvent.Action.ADDED, dimm.dev(), bus.dev());
        return new DimmHandle(dimm);
    }

    @Override
    public void checkDimmCount(int expected) throws NvdimmException {
        int count = bus.dimmCount();
        if (count != expected) {
            throw new NvdimmException(bus.dev() + " has " + count + " DIMMs, expected " + expected);
        }
    }

    @Override
    public Region createRegion(RegionDescriptor descriptor) throws NvdimmException {
        bus.requireRegistered();
        check(descriptor);
        Core core = bus.core();
        PmemRegion region;
        synchronized (bus) {
            region = new PmemRegion(bus, core.regionNames.take(), descriptor);
            try {
                bus.add(region);
            } catch (NvdimmException e) {
                core.regionNames.release(region.dev());
                throw e;
            }
        }
        region.published(core.publisher().publish(Region.class, region, region.dev(), bus.dev()));
        core.event(NvdimmEvent.Kind.REGION, NvdimmEvent.Action.ADDED, region.dev(), bus.dev());
        // libnvdimm probes a new region at once. A region its driver refuses (damaged labels, say)
        // stays registered and disabled, as Linux keeps a region whose probe failed: its DIMM can
        // still be repaired, and enable-region says why.
        try {
            region.enable();
        } catch (NvdimmException e) {
            LOG.warn("nvdimm: {}", e.getMessage());
        }
        return region;
    }

    private void check(RegionDescriptor descriptor) throws NvdimmException {
        String dev = bus.dev();
        if (descriptor.size() <= 0) {
            throw new NvdimmException(dev + ": a region needs a positive size, not " + descriptor.size());
        }
        if (descriptor.align() < 4096 || Long.bitCount(descriptor.align()) != 1) {
            throw new NvdimmException(dev + ": a region's align must be a power of two of at least 4096, not "
                    + descriptor.align());
        }
        if (descriptor.mappings().isEmpty()) {
            throw new NvdimmException(dev + ": a region needs at least one DIMM mapping");
        }
        long mapped = 0;
        for (RegionMapping mapping : descriptor.mappings()) {
            if (!(mapping.dimm() instanceof NvdimmDimm dimm) || !bus.holds(dimm)) {
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
    }

    @Override
    public void addBadRange(long address, long length) {
        bus.badRanges.add(address, length);
    }

    @Override
    public void clearBadRange(long address, long length) {
        bus.badRanges.clear(address, length);
    }

    @Override
    public void unregister() {
        bus.unregister();
    }
}
