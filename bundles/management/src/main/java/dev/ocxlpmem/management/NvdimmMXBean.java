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
}
