package dev.ocxlpmem.nvdimm;

/**
 * A range of a region in use by a namespace, from the region's first byte.
 *
 * @param start offset from the region's start
 * @param size length in bytes
 */
public record RegionExtent(long start, long size) {
    public RegionExtent {
        if (start < 0 || size <= 0 || start > Long.MAX_VALUE - size) {
            throw new IllegalArgumentException("not a region extent: start " + start + ", size " + size);
        }
    }

    public long end() {
        return start + size;
    }
}
