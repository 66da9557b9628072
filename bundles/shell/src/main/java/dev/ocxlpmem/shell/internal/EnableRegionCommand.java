package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.ndctl.MappingInfo;
import dev.ocxlpmem.ndctl.RegionInfo;

/**
 * {@code ndctl enable-region}. A region whose label area is damaged stays disabled and the command
 * fails with the reason. One whose current index block alone is damaged is enabled from the older
 * block, as Linux's {@code __nd_label_validate} takes the one valid block, and a warning says so.
 */
@Service
@Command(scope = "ndctl", name = "enable-region", description = "Enable regions (ndctl enable-region)")
public class EnableRegionCommand extends RegionsCommand {

    @Override
    void act(RegionInfo region) throws Exception {
        ndctl.enableRegion(region.dev());
        for (MappingInfo m : region.mappings()) {
            for (LabelProblem p : ndctl.checkLabels(m.dimm())) {
                if (p.isFallback()) {
                    err().println(m.dimm() + ": " + p + "; a namespace destroyed or changed in the lost update "
                            + "reads as before it (ndctl:check-labels " + m.dimm() + ")");
                }
            }
        }
    }

    @Override
    String summary(int done) {
        return "enabled " + regions(done);
    }
}
