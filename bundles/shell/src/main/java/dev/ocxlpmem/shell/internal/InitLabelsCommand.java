package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.ndctl.DimmInfo;

/** {@code ndctl init-labels}: a fresh label area, every slot free. */
@Service
@Command(scope = "ndctl", name = "init-labels",
        description = "Initialise the label area of DIMMs whose region is disabled (ndctl init-labels)")
public class InitLabelsCommand extends DimmsCommand {

    @Option(name = "-f", aliases = "--force", description = "initialise even if a valid index block is present")
    boolean force;

    @Option(name = "-V", aliases = "--label-version", description = "namespace label version: 1.1 (default) or 1.2")
    @Completion(value = StringsCompleter.class, values = {"1.1", "1.2"})
    String version = "1.1";

    private LabelVersion parsed;

    @Override
    public Object execute() throws Exception {
        try {
            parsed = LabelVersion.parse(version);
        } catch (IllegalArgumentException e) {
            throw refusal(e.getMessage());
        }
        return super.execute();
    }

    @Override
    void act(DimmInfo dimm) throws Exception {
        ndctl.initLabels(dimm.dev(), parsed, force);
    }

    @Override
    String summary(int done) {
        return "initialized " + nmems(done);
    }
}
