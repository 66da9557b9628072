package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;

/** {@code ndctl init-labels}: zeroes the label area, then writes two empty index blocks. */
@Service
@Command(scope = "ndctl", name = "init-labels",
        description = "Initialise the label area of DIMMs whose region is disabled (ndctl init-labels)")
public class InitLabelsCommand implements Action {

    @Reference
    Nvdimm nvdimm;

    @Reference
    LabelStore store;

    @Argument(index = 0, name = "nmem", description = "DIMMs (nmemN), or all", required = true, multiValued = true)
    @Completion(DimmNameCompleter.class)
    List<String> names;

    @Option(name = "-f", aliases = "--force", description = "initialise even if a valid index block is present")
    boolean force;

    @Option(name = "-V", aliases = "--label-version", description = "namespace label version: 1.1 (default) or 1.2")
    @Completion(value = StringsCompleter.class, values = {"1.1", "1.2"})
    String version = "1.1";

    @Override
    public Object execute() throws Exception {
        LabelVersion v;
        try {
            v = LabelVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw new LabelException(e.getMessage());
        }
        List<Dimm> dimms = DeviceArguments.dimms(nvdimm, names);
        int done = 0;
        LabelException failure = null;
        for (Dimm dimm : dimms) {
            try {
                store.init(dimm, v, force);
                done++;
            } catch (LabelException e) {
                if (failure != null) {
                    System.err.println(failure.getMessage());
                }
                failure = e;
            }
        }
        System.err.println("initialized " + done + " nmem" + (done == 1 ? "" : "s"));
        if (failure != null) {
            throw failure;
        }
        return null;
    }
}
