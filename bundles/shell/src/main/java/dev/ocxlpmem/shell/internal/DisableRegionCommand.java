package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.Region;

/** {@code ndctl disable-region}: needed before a DIMM's labels may be rewritten by hand. */
@Service
@Command(scope = "ndctl", name = "disable-region", description = "Disable regions (ndctl disable-region)")
public class DisableRegionCommand implements Action {

    @Reference
    Nvdimm nvdimm;

    @Argument(index = 0, name = "region", description = "regions (regionN), or all", required = true,
            multiValued = true)
    @Completion(RegionNameCompleter.class)
    List<String> names;

    @Override
    public Object execute() throws Exception {
        List<Region> regions = DeviceArguments.regions(nvdimm, names);
        regions.forEach(Region::disable);
        System.err.println("disabled " + regions.size() + " region" + (regions.size() == 1 ? "" : "s"));
        return null;
    }
}
