package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;

/**
 * {@code ndctl sanitize-dimm --overwrite} (ndctl 76 ndctl/dimm.c): overwrites all of each DIMM's
 * media, labels included, with a progress bar, and waits for the end (ndctl returns at once and
 * leaves the wait to {@code wait-overwrite}). The DIMM's region must be disabled. The card has no
 * security keys, so there is no crypto-erase.
 */
@Service
@Command(scope = "ndctl", name = "sanitize-dimm",
        description = "Overwrite all of the media of DIMMs whose region is disabled (ndctl sanitize-dimm --overwrite)")
public class SanitizeDimmCommand extends DimmsCommand {

    @Option(name = "-o", aliases = "--overwrite", description = "overwrite the DIMM (the only method here)")
    boolean overwrite;

    @Option(name = "-c", aliases = "--crypto-erase", description = "crypto erase: not supported by this card")
    boolean cryptoErase;

    @Override
    public Object execute() throws Exception {
        if (cryptoErase || !overwrite) {
            throw refusal("the card has no security keys: only --overwrite is supported");
        }
        return super.execute();
    }

    @Override
    void act(DimmInfo dimm) throws Exception {
        ProgressBar bar = new ProgressBar(dimm.dev() + ": overwriting", session);
        try {
            ndctl.sanitize(dimm.dev(), bar);
        } finally {
            bar.abandon();
        }
        err().println(dimm.dev() + ": overwrite completed.");
    }

    @Override
    String summary(int done) {
        return "overwrite issued for " + nmems(done) + ".";
    }
}
