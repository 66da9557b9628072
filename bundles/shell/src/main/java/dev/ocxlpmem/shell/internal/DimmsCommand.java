package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.nvdimm.NvdimmException;

/** A command over DIMMs named as ndctl takes them: {@code nmemN}, {@code N}, or {@code all}. */
abstract class DimmsCommand extends DevicesCommand<DimmInfo> {

    @Argument(index = 0, name = "nmem", description = "DIMMs: nmemN, its number N, or all", required = true,
            multiValued = true)
    @Completion(DimmNameCompleter.class)
    List<String> names;

    @Override
    List<String> names() {
        return names;
    }

    @Override
    List<DimmInfo> resolve(List<String> names) throws NvdimmException {
        return ndctl.dimms(names);
    }
}
