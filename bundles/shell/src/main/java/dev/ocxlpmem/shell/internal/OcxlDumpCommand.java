package dev.ocxlpmem.shell.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.NdctlJson;

/**
 * Has a card's SCM controller collect a dump (the series' "controller dump") and writes it to a
 * file on the server: admin only, a new file unless {@code -f}, one DIMM at a time.
 */
@Service
@Command(scope = "ocxl", name = "dump", description = "Save a controller dump of a DIMM's SCM controller to a file")
public class OcxlDumpCommand extends DimmsCommand {

    @Option(name = "-o", aliases = "--output", description = "the file to write the dump to, in the server's files "
            + "directory ${karaf.data}/ocxlpmem/files (admin only)", required = true)
    @Completion(FileNameCompleter.class)
    String output;

    @Option(name = "-f", aliases = "--force", description = "overwrite the file if it exists")
    boolean force;

    @Option(name = "-j", aliases = "--json", description = "print what was written as JSON")
    boolean json;

    @Reference
    ServerFiles files;

    @Override
    public Object execute() throws Exception {
        if (names.size() != 1 || names.contains("all")) {
            throw refusal("ocxl:dump dumps one DIMM at a time: name it (nmemN)");
        }
        files.output(output, "-o", force); // refused before the card collects a dump
        return super.execute();
    }

    @Override
    void act(DimmInfo dimm) throws Exception {
        byte[] dump = ndctl.controllerDump(dimm.dev());
        Path file = files.write(output, "-o", force, out -> ServerFiles.chunks(out, dump));
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dev", dimm.dev());
            j.put("file", file.toString());
            j.put("size", dump.length);
            System.out.println(NdctlJson.write(List.of(j)));
        } else {
            err().println(dimm.dev() + ": controller dump of " + dump.length + " bytes written to " + file);
        }
    }

    @Override
    String summary(int done) {
        return null;
    }
}
