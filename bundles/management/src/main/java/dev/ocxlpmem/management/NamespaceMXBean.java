package dev.ocxlpmem.management;

import javax.management.ObjectName;

/**
 * A namespace ({@code ndctl list -N -v}) and {@code ndctl enable-namespace}, {@code disable-namespace},
 * {@code destroy-namespace}, {@code create-namespace -e}, {@code read-infoblock}, {@code check-namespace}.
 * Registered while its region is enabled and it has space; its notifications are those of its
 * lifecycle ({@code dev.ocxlpmem.namespace.<created|reconfigured|enabled|disabled|...>}).
 */
@Description("A namespace (ndctl list -Nv) and its lifecycle: enable, disable, destroy, reconfigure "
        + "(ndctl create-namespace -e), readInfoblock, check")
public interface NamespaceMXBean {
    @Description("The device name, namespaceR.M")
    String getDev();

    @Description("The namespace's region")
    ObjectName getRegion();

    @Description("raw, fsdax, devdax or sector; a disabled namespace reads raw, as in ndctl")
    String getMode();

    @Description("Where fsdax and devdax page metadata lives: dev; empty for the other modes")
    String getMap();

    @Description("Bytes an application can use: after the info block and page metadata for fsdax and devdax")
    long getSize();

    @Description("The uuid ndctl shows: the info block's for fsdax and devdax, the label's for raw")
    String getUuid();

    @Description("The label's uuid (ndctl's raw_uuid)")
    String getRawUuid();

    @Description("The label's name, empty for none")
    String getName();

    @Description("The fsdax and devdax mapping alignment in bytes; 0 for the other modes")
    long getAlign();

    @Description("Where the data starts, from the namespace's first byte (the info block's dataoff); 0 for raw")
    long getDataOffset();

    @Description("512 or 4096; 0 for devdax")
    int getSectorSize();

    @Description("enabled or disabled")
    String getState();

    @Description("The block device Linux gives it (pmemR[.M]), empty when it has none")
    String getBlockdev();

    @Description("The character device Linux gives a devdax namespace (daxR.M), empty when it has none")
    String getChardev();

    @Description("ndctl enable-namespace")
    void enable();

    @Description("ndctl disable-namespace: its data service is withdrawn and its mappings closed")
    void disable();

    @Description("ndctl destroy-namespace: clears its info block and deletes its label")
    void destroy(@Description(name = "force", value = "destroy it even while enabled") boolean force);

    @Description("ndctl create-namespace -e: the namespace reconfigured; returns ndctl's JSON of it")
    String reconfigure(
            @Description(name = "mode", value = "raw, fsdax or devdax; empty: as it is") String mode,
            @Description(name = "size", value = "e.g. 128M; empty: as it is") String size,
            @Description(name = "name", value = "the label's name; empty: as it is") String name,
            @Description(name = "align", value = "4K, 2M or 1G for fsdax and devdax; empty: as it is") String align,
            @Description(name = "force", value = "reconfigure it even while enabled") boolean force);

    @Description("ndctl read-infoblock -j of the (disabled) namespace")
    String readInfoblock();

    @Description("ndctl check-namespace: what is there, then each problem, one a line")
    String check(@Description(name = "force", value = "check it even while enabled (disabled for the check)")
            boolean force);

    @Description("ndctl check-namespace -R: a sector namespace's BTT repaired where ndctl repairs it; what was"
            + " repaired, then each problem left, one a line")
    String repair(@Description(name = "force", value = "repair it even while enabled (disabled for the repair)")
            boolean force);
}
