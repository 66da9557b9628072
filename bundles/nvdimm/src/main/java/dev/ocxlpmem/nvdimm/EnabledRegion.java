package dev.ocxlpmem.nvdimm;

import java.util.List;

import dev.ocxlpmem.memory.Mapping;

/**
 * An attached {@link RegionDriver}'s handle on an enabled region: what the kernel's region code
 * may do that user space may not. It stops working once the region is disabled.
 */
public interface EnabledRegion {

    Region region();

    /**
     * The region's memory, all {@link Region#size()} bytes of it. The driver must not close it;
     * it fails cleanly with {@code MappingClosedException} once the device is gone.
     */
    Mapping memory();

    /**
     * A view of one of the region's DIMMs whose label writes the bus lets through while the region
     * is enabled: the labels belong to this driver then, as in-kernel label updates bypass
     * {@code nd_cmd_clear_to_send}. Every other check of {@link Bus#call} still applies.
     *
     * @throws IllegalArgumentException if the DIMM is not in the region
     */
    Dimm labelOwner(Dimm dimm);

    /**
     * What of the region is taken by namespaces, replacing what was set before; the region's
     * {@link Region#availableSize()} and {@link Region#maxAvailableExtent()} follow from it. Kept
     * when the region is disabled, until the next driver sets it.
     *
     * @throws IllegalArgumentException if an extent lies outside the region or two overlap
     */
    void allocated(List<RegionExtent> extents);

    /**
     * The driver wrote {@code [offset, offset + length)} of the region (bytes from its first byte)
     * and the device's media there is good again, as Linux's pmem driver calls
     * {@code nvdimm_clear_badblocks_region} after clearing poison: the 512-byte blocks wholly
     * inside the range leave {@link Region#badBlocks()}, and the bus forgets their bytes. A block
     * only partly written stays bad.
     *
     * @throws IllegalArgumentException if the range lies outside the region
     * @throws IllegalStateException once the driver was detached
     */
    void clearBadBlocks(long offset, long length);

    /**
     * One more extent taken, the others kept: what {@link #allocated} does for one namespace
     * created, without restating the thousands already there.
     *
     * @throws IllegalArgumentException if it lies outside the region or overlaps a taken extent
     */
    void allocate(RegionExtent extent);

    /**
     * An extent {@link #allocate} or {@link #allocated} gave is free again.
     *
     * @throws IllegalArgumentException if no taken extent is exactly this one
     */
    void release(RegionExtent extent);
}
