package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionExtent;

/**
 * What a region is told its namespaces take, for its {@code available_size} and
 * {@code max_available_extent}: the ranges of changed labels one by one while every range lies on
 * the align, else the whole list. Linux counts a range off the align (a label written by hand) as
 * the whole align blocks it touches, and such a block once for each range in it; the region is
 * told each block once, so with two hand-written labels in one block its {@code available_size}
 * is one block more than Linux's.
 */
final class RegionSpace {
    private final dev.ocxlpmem.nvdimm.EnabledRegion handle;
    private final Region region;
    private final long align;
    /** What the region was told is taken, by label id, while every range lies on the align. */
    private final Map<String, RegionExtent> told = new HashMap<>();
    /** Whether the region was last told the whole list (label-less, or ranges off the align). */
    private boolean toldWhole = true;

    RegionSpace(dev.ocxlpmem.nvdimm.EnabledRegion handle, long align) {
        this.handle = handle;
        this.region = handle.region();
        this.align = align;
    }

    /** The namespaces were read again: the region is told the whole list. */
    void tellAll(EnabledRegion model) {
        told.clear();
        toldWhole = true;
        tell(model, List.of());
    }

    /** The namespaces of label ids {@code changed} changed (or, when the list is whole, any). */
    void tell(EnabledRegion model, List<String> changed) {
        if (model.labelLess()) {
            handle.allocated(List.of(new RegionExtent(0, region.size())));
            told.clear();
            toldWhole = true;
            return;
        }
        if (!model.onAlign()) {
            handle.allocated(whole(model.extents()));
            told.clear();
            toldWhole = true;
            return;
        }
        if (toldWhole) {
            told.clear();
            for (DpaResources.Extent e : model.extents()) {
                told.put(e.name(), new RegionExtent(e.start(), e.size()));
            }
            handle.allocated(List.copyOf(told.values()));
            toldWhole = false;
            return;
        }
        for (String id : changed) {
            RegionExtent old = told.remove(id);
            if (old != null) {
                handle.release(old);
            }
        }
        for (String id : changed) {
            List<DpaResources.Extent> now = model.extents(id);
            if (!now.isEmpty()) {
                RegionExtent e = new RegionExtent(now.get(0).start(), now.get(0).size());
                handle.allocate(e);
                told.put(id, e);
            }
        }
    }

    /** The region does not enable: it is told what its labels take all the same, as Linux keeps it. */
    void tellLabels(List<DpaResources.Extent> extents) {
        handle.allocated(whole(extents));
    }

    /** The extents as Linux counts them taken: each widened to the align, clipped to the region, merged. */
    private List<RegionExtent> whole(List<DpaResources.Extent> extents) {
        List<RegionExtent> merged = new ArrayList<>();
        long start = -1;
        long end = -1;
        for (DpaResources.Extent e : extents) {
            long s = Math.max(0, PfnPlatform.alignDown(e.start(), align));
            long t = Math.min(region.size(), PfnPlatform.alignUp(e.start() + e.size(), align));
            if (s >= region.size() || t <= s) {
                continue;
            }
            if (start >= 0 && s <= end) {
                end = Math.max(end, t);
                continue;
            }
            if (start >= 0) {
                merged.add(new RegionExtent(start, end - start));
            }
            start = s;
            end = t;
        }
        if (start >= 0) {
            merged.add(new RegionExtent(start, end - start));
        }
        return merged;
    }
}
