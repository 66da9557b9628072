package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;

/** {@code ndctl disable-dimm}. */
@Service
@Command(scope = "ndctl", name = "disable-dimm",
        description = "Disable DIMMs whose regions are disabled (ndctl disable-dimm)")
public class DisableDimmCommand extends DimmsCommand {

    @Override
    void act(DimmInfo dimm) throws Exception {
        ndctl.disableDimm(dimm.dev());
    }

    @Override
    String summary(int done) {
        return "disabled " + nmems(done);
    }
}
