package dev.ocxlpmem.management.internal;

import java.util.List;

import javax.management.StandardMBean;

import dev.ocxlpmem.management.RegionMXBean;
import dev.ocxlpmem.management.RegionMappingInfo;
import dev.ocxlpmem.nvdimm.Region;

final class RegionView extends StandardMBean implements RegionMXBean {
    private final Region region;

    RegionView(Region region) {
        super(RegionMXBean.class, true);
        this.region = region;
    }

    @Override
    public String getDev() {
        return region.dev();
    }

    @Override
    public String getBus() {
        return region.bus().dev();
    }

    @Override
    public String getType() {
        return region.type();
    }

    @Override
    public long getSize() {
        return region.size();
    }

    @Override
    public long getStart() {
        return region.start();
    }

    @Override
    public boolean isEnabled() {
        return region.isEnabled();
    }

    @Override
    public long getIsetId() {
        return region.interleaveSet().cookie1();
    }

    @Override
    public int getTargetNode() {
        return region.targetNode();
    }

    @Override
    public List<RegionMappingInfo> getMappings() {
        return region.mappings().stream()
                .map(m -> new RegionMappingInfo(m.dimm().dev(), m.start(), m.size(), m.position()))
                .toList();
    }
}
