package dev.ocxlpmem.labels.internal;

import java.util.Optional;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionMapping;

/**
 * What labels on a DIMM must agree with: its region's cookies, its extent on the DIMM, and the
 * size of the interleave set, taken at one moment.
 */
record RegionInfo(String dev, boolean enabled, long cookie1, long cookie2, long start, long size, int nlabel,
        int position) {

    /** The first region with a mapping on {@code dimm} (matched by id, so that any view of it will do). */
    static Optional<RegionInfo> of(Dimm dimm) {
        for (Region region : dimm.bus().regions()) {
            for (RegionMapping m : region.mappings()) {
                if (m.dimm().id().equals(dimm.id())) {
                    return Optional.of(new RegionInfo(region.dev(), region.isEnabled(),
                            region.interleaveSet().cookie1(), region.interleaveSet().cookie2(), m.start(), m.size(),
                            region.mappings().size(), m.position()));
                }
            }
        }
        return Optional.empty();
    }

    /** Linux compares version 1.1 labels with cookie1 and version 1.2 labels with cookie2. */
    long cookie(LabelVersion version) {
        return version == LabelVersion.V1_1 ? cookie1 : cookie2;
    }

    long end() {
        return start + size;
    }
}
