package dev.ocxlpmem.nvdimm.internal;

import java.util.List;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.EnabledRegion;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionExtent;

/** One region driver's attachment to one enabled region; dead once the driver is detached. */
final class Attachment implements EnabledRegion {
    private final PmemRegion region;
    private volatile boolean active = true;

    Attachment(PmemRegion region) {
        this.region = region;
    }

    boolean isActive() {
        return active;
    }

    void end() {
        active = false;
    }

    @Override
    public Region region() {
        return region;
    }

    @Override
    public Mapping memory() {
        return region.descriptor().memory();
    }

    @Override
    public Dimm labelOwner(Dimm dimm) {
        Dimm plain = dimm instanceof LabelOwnerDimm view ? view.dimm() : dimm;
        if (!(plain instanceof NvdimmDimm nvdimm) || !region.maps(nvdimm)) {
            throw new IllegalArgumentException(dimm.dev() + " is not in " + region.dev());
        }
        return new LabelOwnerDimm(nvdimm, this);
    }

    @Override
    public void allocated(List<RegionExtent> extents) {
        requireActive();
        region.allocated(extents);
    }

    @Override
    public void allocate(RegionExtent extent) {
        requireActive();
        region.allocate(extent);
    }

    @Override
    public void release(RegionExtent extent) {
        requireActive();
        region.release(extent);
    }

    private void requireActive() {
        if (!active) {
            throw new IllegalStateException(region.dev() + "'s driver was detached");
        }
    }

    @Override
    public void clearBadBlocks(long offset, long length) {
        if (!active) {
            throw new IllegalStateException(region.dev() + "'s driver was detached");
        }
        region.clearBadBlocks(offset, length);
    }
}
