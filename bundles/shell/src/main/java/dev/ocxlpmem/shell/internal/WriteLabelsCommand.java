package dev.ocxlpmem.shell.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;

/** {@code ndctl write-labels}: writes a saved label area (from {@code read-labels -o}) back to one DIMM. */
@Service
@Command(scope = "ndctl", name = "write-labels",
        description = "Write a label area image to a DIMM whose region is disabled (ndctl write-labels)")
public class WriteLabelsCommand implements Action {

    @Reference
    Nvdimm nvdimm;

    @Reference
    LabelStore store;

    @Argument(index = 0, name = "nmem", description = "the DIMM (nmemN)", required = true)
    @Completion(DimmNameCompleter.class)
    String name;

    @Option(name = "-i", aliases = "--input", description = "file holding the label area, exactly its size",
            required = true)
    @Completion(FileCompleter.class)
    String input;

    @Override
    public Object execute() throws Exception {
        if ("all".equals(name)) {
            throw new LabelException("write-labels writes one DIMM at a time: name it (nmemN)");
        }
        Dimm dimm = DeviceArguments.dimms(nvdimm, List.of(name)).get(0);
        byte[] data;
        try {
            data = Files.readAllBytes(Path.of(input));
        } catch (NoSuchFileException e) {
            throw new LabelException("no file " + Path.of(input).toAbsolutePath() + " to write to " + dimm.dev());
        } catch (IOException e) {
            throw new LabelException("cannot read " + input + ": " + e.getMessage(), e);
        }
        store.write(dimm, data);
        System.err.println("wrote 1 nmem");
        return null;
    }
}
