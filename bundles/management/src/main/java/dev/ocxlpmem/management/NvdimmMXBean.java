package dev.ocxlpmem.management;

import javax.management.ObjectName;

/** The nvdimm core: what is registered, and a notification for every lifecycle event. */
@Description("The nvdimm core: its buses, DIMMs and regions. Subscribe here for every lifecycle notification "
        + "(dev.ocxlpmem.<bus|dimm|region>.<added|removed|enabled|disabled>, dev.ocxlpmem.namespace.<created|"
        + "reconfigured|destroyed|enabled|disabled|added|removed>), as ndctl monitor follows them.")
public interface NvdimmMXBean {
    @Description("The buses, in registration order")
    ObjectName[] getBuses();

    @Description("Every DIMM of every bus")
    ObjectName[] getDimms();

    @Description("Every region of every bus")
    ObjectName[] getRegions();

    @Description("ndctl list: exactly the JSON ndctl:list prints on the console for the same flags, e.g. -BDRN, "
            + "-DHi, -r region0 -u (filters -b -r -d -n -m; kinds -B -D -R -N; -F firmware, -H health, "
            + "-M media errors, -i disabled too, -u human units, -v verbose); empty when nothing is listed")
    String list(@Description(name = "flags", value = "the options as ndctl:list takes them, e.g. -BDRN") String flags);
}
