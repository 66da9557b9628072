package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;

/** {@code ndctl zero-labels}: zeroes the whole label area. */
@Service
@Command(scope = "ndctl", name = "zero-labels",
        description = "Zero the label area of DIMMs whose region is disabled (ndctl zero-labels)")
public class ZeroLabelsCommand implements Action {

    @Reference
    Nvdimm nvdimm;

    @Reference
    LabelStore store;

    @Argument(index = 0, name = "nmem", description = "DIMMs (nmemN), or all", required = true, multiValued = true)
    @Completion(DimmNameCompleter.class)
    List<String> names;

    @Override
    public Object execute() throws Exception {
        List<Dimm> dimms = DeviceArguments.dimms(nvdimm, names);
        int done = 0;
        LabelException failure = null;
        for (Dimm dimm : dimms) {
            try {
                store.zero(dimm);
                done++;
            } catch (LabelException e) {
                if (failure != null) {
                    System.err.println(failure.getMessage());
                }
                failure = e;
            }
        }
        System.err.println("zeroed " + done + " nmem" + (done == 1 ? "" : "s"));
        if (failure != null) {
            throw failure;
        }
        return null;
    }
}
