package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.RegionInfo;

/** {@code ndctl disable-region}: needed before a DIMM's labels may be rewritten by hand. */
@Service
@Command(scope = "ndctl", name = "disable-region", description = "Disable regions (ndctl disable-region)")
public class DisableRegionCommand extends RegionsCommand {

    @Override
    void act(RegionInfo region) throws Exception {
        ndctl.disableRegion(region.dev());
    }

    @Override
    String summary(int done) {
        return "disabled " + regions(done);
    }
}
