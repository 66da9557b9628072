package dev.ocxlpmem.nvdimm;

import java.util.List;

/** A pmem region on a bus ({@code struct nd_region}). */
public interface Region {

    /** The device name, {@code regionN}. */
    String dev();

    Bus bus();

    /** Always {@code pmem} here. */
    String type();

    long start();

    long size();

    List<RegionMapping> mappings();

    InterleaveSet interleaveSet();

    int targetNode();

    boolean isEnabled();

    /** As {@code ndctl enable-region}. */
    void enable();

    /** As {@code ndctl disable-region}: needed before a DIMM's labels may be rewritten by hand. */
    void disable();
}
