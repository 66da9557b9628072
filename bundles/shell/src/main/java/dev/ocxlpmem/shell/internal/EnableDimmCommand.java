package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;

/** {@code ndctl enable-dimm}. */
@Service
@Command(scope = "ndctl", name = "enable-dimm",
        description = "Enable DIMMs, once their controller can be trusted again (ndctl enable-dimm)")
public class EnableDimmCommand extends DimmsCommand {

    @Override
    void act(DimmInfo dimm) throws Exception {
        ndctl.enableDimm(dimm.dev());
    }

    @Override
    String summary(int done) {
        return "enabled " + nmems(done);
    }
}
