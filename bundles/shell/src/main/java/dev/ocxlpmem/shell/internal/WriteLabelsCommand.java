package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;

/**
 * {@code ndctl write-labels}: writes a saved label area (from {@code read-labels -o}) back to one DIMM,
 * after the service saved the area it replaces ({@code ndctl:list-label-backups}).
 */
@Service
@Command(scope = "ndctl", name = "write-labels",
        description = "Write a label area image to a DIMM whose region is disabled (ndctl write-labels)")
public class WriteLabelsCommand extends DimmsCommand {

    @Option(name = "-i", aliases = "--input", description = "file holding the label area, exactly its size, in the "
            + "server's files directory ${karaf.data}/ocxlpmem/files (admin only)", required = true)
    @Completion(FileNameCompleter.class)
    String input;

    @Reference
    ServerFiles files;

    @Override
    public Object execute() throws Exception {
        if (names.size() != 1 || names.contains("all")) {
            throw refusal("write-labels writes one DIMM at a time: name it (nmemN)");
        }
        return super.execute();
    }

    @Override
    void act(DimmInfo dimm) throws Exception {
        ndctl.writeLabels(dimm.dev(), files.read(input, "-i", dimm.dev() + "'s label area", dimm.labelAreaSize()));
    }

    @Override
    String summary(int done) {
        return "wrote " + nmems(done);
    }
}
