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

/** {@code ndctl enable-region}. */
@Service
@Command(scope = "ndctl", name = "enable-region", description = "Enable regions (ndctl enable-region)")
public class EnableRegionCommand implements Action {

    @Reference
    Nvdimm nvdimm;

    @Argument(index = 0, name = "region", description = "regions (regionN), or all", required = true,
            multiValued = true)
    @Completion(RegionNameCompleter.class)
    List<String> names;

    @Override
    public Object execute() throws Exception {
        List<Region> regions = DeviceArguments.regions(nvdimm, names);
        for (Region region : regions) {
            region.enable();
        }
        System.err.println("enabled " + regions.size() + " region" + (regions.size() == 1 ? "" : "s"));
        return null;
    }
}
