package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.ndctl.DimmInfo;

/**
 * {@code ndctl check-labels}: validates each DIMM's label area. Every error is printed, one a line,
 * and fails the command; so does a damaged current index block that made the area fall back a
 * generation (a warning, since Linux reads such an area, but the area is not what was last written);
 * {@code -v} adds the other warnings and what was found valid.
 */
@Service
@Command(scope = "ndctl", name = "check-labels", description = "Validate the label area of DIMMs (ndctl check-labels)")
public class CheckLabelsCommand extends DimmsCommand {

    @Option(name = "-v", aliases = "--verbose", description = "also print warnings and what is valid")
    boolean verbose;

    @Override
    void act(DimmInfo dimm) throws Exception {
        List<LabelProblem> problems = ndctl.checkLabels(dimm.dev());
        List<LabelProblem> errors = problems.stream().filter(LabelProblem::isError).toList();
        for (LabelProblem p : problems) {
            if (verbose || p.isError() || p.isFallback()) {
                err().println(dimm.dev() + ": " + p);
            }
        }
        if (!errors.isEmpty()) {
            throw new LabelException(dimm.dev() + "'s label area has " + errors.size() + " error"
                    + (errors.size() == 1 ? "" : "s") + ": restore a saved copy with ndctl:write-labels, or start "
                    + "afresh with ndctl:init-labels -f", errors);
        }
        if (problems.stream().anyMatch(LabelProblem::isFallback)) {
            throw new LabelException(dimm.dev() + "'s current index block is damaged: the area reads one update "
                    + "older, as Linux reads it, and a namespace destroyed or changed in that update reads as before "
                    + "it; the next namespace change writes over the damaged block");
        }
        if (verbose) {
            LabelReading r = ndctl.readLabels(dimm.dev());
            err().printf("%s: version %s, index block %d current (seq %d), %d label%s, %d of %d slots free%n",
                    dimm.dev(), r.version(), r.current(), r.currentIndex().effectiveSeq(), r.labels().size(),
                    r.labels().size() == 1 ? "" : "s", r.freeSlots(), r.nslot());
        }
    }

    @Override
    String summary(int done) {
        return "successfully verified " + done + " nmem label" + (done > 1 ? "s" : "");
    }
}
