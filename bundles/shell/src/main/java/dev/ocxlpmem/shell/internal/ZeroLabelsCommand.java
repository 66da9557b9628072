package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;

/** {@code ndctl zero-labels}. */
@Service
@Command(scope = "ndctl", name = "zero-labels",
        description = "Zero the label area of DIMMs whose region is disabled (ndctl zero-labels)")
public class ZeroLabelsCommand extends DimmsCommand {

    @Override
    void act(DimmInfo dimm) throws Exception {
        ndctl.zeroLabels(dimm.dev());
    }

    @Override
    String summary(int done) {
        return "zeroed " + nmems(done);
    }
}
