package dev.ocxlpmem.shell.internal;

import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import dev.ocxlpmem.ndctl.DimmInfo;

/**
 * {@code ndctl write-labels}: writes a saved label area (from {@code read-labels -o}) back to one DIMM,
 * after the service saved the area it replaces ({@code ndctl:list-label-backups}).
 */
@Service
@Command(scope = "ndctl", name = "write-labels",
        description = "Write a label area image to a DIMM whose region is disabled (ndctl write-labels)")
public class WriteLabelsCommand extends DimmsCommand {

    @Option(name = "-i", aliases = "--input", description = "file on the server holding the label area, exactly "
            + "its size (admin only; a relative name is under ${karaf.data}/ocxlpmem/files)", required = true)
    @Completion(FileCompleter.class)
    String input;

    @Override
    public Object execute() throws Exception {
        if (names.size() != 1 || names.contains("all")) {
            throw refusal("write-labels writes one DIMM at a time: name it (nmemN)");
        }
        return super.execute();
    }

    @Override
    void act(DimmInfo dimm) throws Exception {
        Path file = ServerFiles.resolve(ndctl, input, "-i");
        ndctl.writeLabels(dimm.dev(), ServerFiles.read(file, dimm.labelAreaSize(), dimm.dev() + "'s label area"));
    }

    @Override
    String summary(int done) {
        return "wrote " + nmems(done);
    }
}
