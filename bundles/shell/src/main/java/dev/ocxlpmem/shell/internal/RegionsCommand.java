package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.nvdimm.NvdimmException;

/** A command over regions named as ndctl takes them: {@code regionN}, {@code N}, or {@code all}. */
abstract class RegionsCommand extends DevicesCommand<RegionInfo> {

    @Argument(index = 0, name = "region", description = "regions: regionN, its number N, or all", required = true,
            multiValued = true)
    @Completion(RegionNameCompleter.class)
    List<String> names;

    @Override
    List<String> names() {
        return names;
    }

    @Override
    List<RegionInfo> resolve(List<String> names) throws NvdimmException {
        return ndctl.regions(names);
    }
}
