package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.LabelBackup;

/** Writes a saved label area back to its DIMM, the newest one unless {@code -b} names another. */
@Service
@Command(scope = "ndctl", name = "restore-labels",
        description = "Write a saved label area back to a DIMM whose region is disabled (see ndctl:list-label-backups)")
public class RestoreLabelsCommand extends DimmsCommand {

    @Option(name = "-b", aliases = "--backup", description = "the backup to restore (default: the newest)")
    String backup;

    @Override
    void act(DimmInfo dimm) throws Exception {
        String name = backup;
        if (name == null) {
            name = ndctl.labelBackups(dimm.dev()).stream().findFirst().map(LabelBackup::name).orElseThrow(
                    () -> refusal(dimm.dev() + " has no label backup to restore"));
        }
        ndctl.restoreLabels(dimm.dev(), name);
    }

    @Override
    String summary(int done) {
        return "restored " + nmems(done);
    }
}
