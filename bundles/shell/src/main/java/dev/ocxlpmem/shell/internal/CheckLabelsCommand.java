package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;

/**
 * {@code ndctl check-labels}: validates each DIMM's label area. Errors are printed one a line and
 * make the command fail; {@code -v} adds warnings and what was found valid.
 */
@Service
@Command(scope = "ndctl", name = "check-labels", description = "Validate the label area of DIMMs (ndctl check-labels)")
public class CheckLabelsCommand implements Action {

    @Reference
    Nvdimm nvdimm;

    @Reference
    LabelStore store;

    @Argument(index = 0, name = "nmem", description = "DIMMs (nmemN), or all", required = true, multiValued = true)
    @Completion(DimmNameCompleter.class)
    List<String> names;

    @Option(name = "-v", aliases = "--verbose", description = "also print warnings and what is valid")
    boolean verbose;

    @Override
    public Object execute() throws Exception {
        List<Dimm> dimms = DeviceArguments.dimms(nvdimm, names);
        int verified = 0;
        String firstFailure = null;
        for (Dimm dimm : dimms) {
            List<LabelProblem> problems = store.check(dimm);
            List<LabelProblem> errors = problems.stream().filter(LabelProblem::isError).toList();
            for (LabelProblem p : verbose ? problems : errors) {
                System.err.println(dimm.dev() + ": " + p);
            }
            if (errors.isEmpty()) {
                verified++;
                if (verbose) {
                    LabelReading r = store.read(dimm);
                    System.err.printf("%s: version %s, index block %d current (seq %d), %d label%s, %d of %d slots free%n",
                            dimm.dev(), r.version(), r.current(), r.currentIndex().effectiveSeq(), r.labels().size(),
                            r.labels().size() == 1 ? "" : "s", r.freeSlots(), r.nslot());
                }
            } else if (firstFailure == null) {
                firstFailure = dimm.dev() + "'s label area has " + errors.size() + " error"
                        + (errors.size() == 1 ? "" : "s") + " (" + errors.get(0) + ")";
            }
        }
        System.err.println("successfully verified " + verified + " nmem label" + (verified == 1 ? "" : "s"));
        if (firstFailure != null) {
            throw new LabelException(firstFailure + (dimms.size() > 1 ? "; " + (dimms.size() - verified)
                    + " of " + dimms.size() + " DIMMs failed" : "")
                    + ": restore a saved copy with ndctl:write-labels, or start afresh with ndctl:init-labels -f");
        }
        return null;
    }
}
