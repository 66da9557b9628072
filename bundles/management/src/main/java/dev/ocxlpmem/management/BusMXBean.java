package dev.ocxlpmem.management;

import java.util.List;

import javax.management.ObjectName;

/** An nvdimm bus ({@code ndctl list -B}). */
@Description("An nvdimm bus (ndctl list -B), registered by a provider such as the ocxlpmem driver")
public interface BusMXBean {
    @Description("The device name, ndbusN")
    String getDev();

    @Description("The provider's name, e.g. ocxlpmem")
    String getProvider();

    @Description("The ND_CMD_CALL command families the bus passes to its DIMMs")
    List<Integer> getFamilies();

    @Description("The bus's DIMMs")
    ObjectName[] getDimms();

    @Description("The bus's regions")
    ObjectName[] getRegions();
}
