package dev.ocxlpmem.shell.internal;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.completers.FileCompleter;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.Role;

/**
 * Has a card's SCM controller collect a dump (the series' "controller dump") and writes it to a
 * file on the server: admin only, a new file unless {@code -f}, one DIMM at a time.
 */
@Service
@Command(scope = "ocxl", name = "dump", description = "Save a controller dump of a DIMM's SCM controller to a file")
public class OcxlDumpCommand extends DimmsCommand {

    @Option(name = "-o", aliases = "--output", description = "the file to write the dump to", required = true)
    @Completion(FileCompleter.class)
    String output;

    @Option(name = "-f", aliases = "--force", description = "overwrite the file if it exists")
    boolean force;

    @Option(name = "-j", aliases = "--json", description = "print what was written as JSON")
    boolean json;

    @Override
    public Object execute() throws Exception {
        if (names.size() != 1 || names.contains("all")) {
            throw refusal("ocxl:dump dumps one DIMM at a time: name it (nmemN)");
        }
        ndctl.require(Role.ADMIN, "write a controller dump to " + output);
        Path file = Path.of(output);
        if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) && (!force || !Files.isRegularFile(file,
                LinkOption.NOFOLLOW_LINKS))) {
            throw refusal(file.toAbsolutePath() + " exists" + (force ? " and is not a regular file"
                    : "; give -f to overwrite it"));
        }
        return super.execute();
    }

    @Override
    void act(DimmInfo dimm) throws Exception {
        byte[] dump = ndctl.controllerDump(dimm.dev());
        Path file = Path.of(output);
        Files.write(file, dump, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dev", dimm.dev());
            j.put("file", file.toAbsolutePath().toString());
            j.put("size", dump.length);
            System.out.println(NdctlJson.write(List.of(j)));
        } else {
            err().println(dimm.dev() + ": controller dump of " + dump.length + " bytes written to "
                    + file.toAbsolutePath());
        }
    }

    @Override
    String summary(int done) {
        return null;
    }
}
