package dev.ocxlpmem.nvdimm;

import java.util.List;

/** A pmem region on a bus ({@code struct nd_region}), as clients see it. */
public interface Region {

    /** The device name, {@code regionN}. */
    String dev();

    Bus bus();

    /** Always {@code pmem} here. */
    String type();

    long start();

    long size();

    /** The alignment of namespaces in the region ({@code align}). */
    long align();

    /** Bytes not taken by namespaces ({@code available_size}). */
    long availableSize();

    /** The largest free extent, what one more namespace could get ({@code max_available_extent}). */
    long maxAvailableExtent();

    PersistenceDomain persistenceDomain();

    List<RegionMapping> mappings();

    InterleaveSet interleaveSet();

    int targetNode();

    boolean isEnabled();

    /** Whether the region is read-only: label writes to its DIMMs are refused. */
    boolean isReadOnly();

    /**
     * The region's bad blocks, sorted and disjoint: the bad ranges its provider reported
     * ({@link BusRegistration#addBadRange}) that lie in the region, each widened to whole 512-byte
     * blocks, less what the region's driver cleared ({@link EnabledRegion#clearBadBlocks}), as
     * Linux's {@code nvdimm_badblocks_populate} computes a region's list from its bus's.
     */
    List<BadBlock> badBlocks();

    /** As writing the region's {@code read_only} attribute. */
    void setReadOnly(boolean readOnly);

    /**
     * As {@code ndctl enable-region}: attaches the region drivers (which then own the labels of the
     * region's DIMMs). Does nothing if it is enabled already.
     *
     * @throws NvdimmException if the region is gone, or a driver could not attach (the region
     *     stays disabled then)
     */
    void enable() throws NvdimmException;

    /**
     * As {@code ndctl disable-region}: detaches the region drivers; needed before a DIMM's labels
     * may be rewritten by hand. Does nothing if it is disabled already.
     */
    void disable() throws NvdimmException;
}
