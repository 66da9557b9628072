package dev.ocxlpmem.management;

import java.util.List;

import javax.management.ObjectName;

/** A region ({@code ndctl list -R -D}), {@code ndctl enable-region}/{@code disable-region}, {@code create-namespace}. */
@Description("A pmem region (ndctl list -RD); enableRegion, disableRegion and createNamespace as ndctl has them")
public interface RegionMXBean {
    @Description("The device name, regionN")
    String getDev();

    @Description("The region's bus")
    ObjectName getBus();

    @Description("pmem")
    String getType();

    @Description("Size in bytes")
    long getSize();

    @Description("Start address as the provider sees it")
    long getStart();

    @Description("Namespace alignment in bytes")
    long getAlign();

    @Description("Bytes not taken by namespaces (available_size)")
    long getAvailableSize();

    @Description("The largest free extent: what one more namespace could get (max_available_extent)")
    long getMaxAvailableExtent();

    @Description("Where writes become persistent: cpu_cache, memory_controller, none or unknown")
    String getPersistenceDomain();

    @Description("enabled or disabled")
    String getState();

    @Description("Whether the region is read-only: label writes to its DIMMs are refused")
    boolean isReadOnly();

    @Description("The interleave-set cookie (iset_id), that labels must carry")
    long getIsetId();

    @Description("The NUMA node the memory would online to, or -1")
    int getTargetNode();

    @Description("The region's extents on its DIMMs")
    List<MappingData> getMappings();

    @Description("The DIMMs of the region")
    ObjectName[] getDimms();

    @Description("What the label areas of the region's DIMMs hold, the worst first: DAMAGED, BLANK, VALID or NONE")
    String getLabelState();

    @Description("ndctl enable-region")
    void enableRegion();

    @Description("ndctl disable-region: needed before the labels of its DIMMs are rewritten by hand")
    void disableRegion();

    @Description("The region's namespaces that have space, enabled or not")
    ObjectName[] getNamespaces();

    @Description("ndctl create-namespace -r: a new namespace, enabled; returns ndctl's JSON of it")
    String createNamespace(
            @Description(name = "mode", value = "raw, fsdax or devdax; empty: fsdax") String mode,
            @Description(name = "size", value = "e.g. 128M; empty: the largest free extent") String size,
            @Description(name = "name", value = "the label's name, up to 63 bytes; empty: none") String name,
            @Description(name = "align", value = "4K, 2M or 1G for fsdax and devdax; empty: 2M") String align,
            @Description(name = "uuid", value = "the label's uuid; empty: a new one") String uuid);
}
