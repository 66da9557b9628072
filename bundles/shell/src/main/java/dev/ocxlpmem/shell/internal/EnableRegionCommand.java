package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.RegionInfo;

/** {@code ndctl enable-region}. */
@Service
@Command(scope = "ndctl", name = "enable-region", description = "Enable regions (ndctl enable-region)")
public class EnableRegionCommand extends RegionsCommand {

    @Override
    void act(RegionInfo region) throws Exception {
        ndctl.enableRegion(region.dev());
    }

    @Override
    String summary(int done) {
        return "enabled " + regions(done);
    }
}
