package dev.ocxlpmem.shell.internal;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import dev.ocxlpmem.ndctl.DimmInfo;

/** {@code ndctl write-labels}: writes a saved label area (from {@code read-labels -o}) back to one DIMM. */
@Service
@Command(scope = "ndctl", name = "write-labels",
        description = "Write a label area image to a DIMM whose region is disabled (ndctl write-labels)")
public class WriteLabelsCommand extends DimmsCommand {

    @Option(name = "-i", aliases = "--input", description = "file holding the label area, exactly its size",
            required = true)
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
        ndctl.writeLabels(dimm.dev(), read(Path.of(input), dimm));
    }

    /**
     * The file's bytes, exactly the label area's size of them. Read in small pieces into the one
     * array that then goes to the DIMM without further copies (a whole-file read would stage the
     * file in a direct buffer of its size first).
     */
    private byte[] read(Path file, DimmInfo dimm) throws Exception {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw refusal("no file " + file.toAbsolutePath() + " to write to " + dimm.dev());
        }
        if (size != dimm.labelAreaSize()) {
            throw refusal(file.toAbsolutePath() + " is " + size + " bytes but " + dimm.dev() + "'s label area is "
                    + dimm.labelAreaSize() + " bytes: nothing written");
        }
        byte[] area = new byte[(int) size];
        try (InputStream in = new FileInputStream(file.toFile())) {
            int done = 0;
            while (done < area.length) {
                int n = in.read(area, done, Math.min(64 * 1024, area.length - done));
                if (n < 0) {
                    throw new IOException(file + " ended after " + done + " of " + size + " bytes");
                }
                done += n;
            }
        }
        return area;
    }

    @Override
    String summary(int done) {
        return "wrote " + nmems(done);
    }
}
