package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.ndctl.NdctlJson;

/**
 * {@code ndctl read-infoblock}: the PFN or DAX info block of disabled namespaces as ndctl's JSON
 * ({@code -j}, {@code -u} for hex). Without either, a line per block: ndctl writes the raw bytes
 * there, which a console has no use for.
 */
@Service
@Command(scope = "ndctl", name = "read-infoblock",
        description = "Read the info block of disabled namespaces (ndctl read-infoblock)")
public class ReadInfoblockCommand extends NamespacesCommand {

    @Option(name = "-j", aliases = "--json", description = "parse the info block into JSON")
    boolean json;

    @Option(name = "-u", aliases = "--human", description = "JSON with numbers in hex (implies -j)")
    boolean human;

    private final List<Object> blocks = new ArrayList<>();
    private final StringBuilder lines = new StringBuilder();

    @Override
    void act(NamespaceInfo namespace) throws Exception {
        List<InfoBlockReport> reports = ndctl.readInfoblock(namespace.dev());
        for (InfoBlockReport r : reports) {
            blocks.add(r.fields(human));
            lines.append(String.format("%s: %s uuid %s parent_uuid %s dataoff %#x npfns %d align %#x%n", r.dev(),
                    r.signature(), r.uuid(), r.parentUuid(), r.dataoff(), r.npfns(), r.align()));
        }
        if (reports.isEmpty()) {
            lines.append(namespace.dev()).append(": no PFN or DAX info block").append(System.lineSeparator());
        }
    }

    @Override
    void finish() {
        if (json || human) {
            System.out.println(NdctlJson.write(blocks));
        } else {
            System.out.print(lines);
        }
    }

    @Override
    String summary(int done) {
        return "read " + done + " infoblock" + (done == 1 ? "" : "s");
    }
}
