package dev.ocxlpmem.shell.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.NdctlJson;

/**
 * {@code ndctl read-labels}: the label area of each DIMM, raw into a file ({@code -o}) or parsed
 * into ndctl's JSON ({@code -j}, {@code -u}). Without either, a short summary, since a console is
 * no place for raw bytes.
 */
@Service
@Command(scope = "ndctl", name = "read-labels", description = "Read out the label area of DIMMs (ndctl read-labels)")
public class ReadLabelsCommand extends DimmsCommand {

    @Option(name = "-j", aliases = "--json", description = "parse the label data into JSON")
    boolean json;

    @Option(name = "-u", aliases = "--human", description = "JSON with human-readable numbers (implies -j)")
    boolean human;

    @Option(name = "-o", aliases = "--output", description = "file to write the label area (or the JSON) to, in "
            + "the server's files directory ${karaf.data}/ocxlpmem/files (admin only)")
    @Completion(FileNameCompleter.class)
    String output;

    @Option(name = "-f", aliases = "--force", description = "with -o: replace the file if it exists")
    boolean force;

    @Reference
    ServerFiles files;

    @Override
    public Object execute() throws Exception {
        if (output != null) {
            files.output(output, "-o", force); // refused before the areas are read
        }
        return super.execute();
    }

    private final List<Object> parsed = new ArrayList<>();
    private final List<byte[]> areas = new ArrayList<>();
    private final StringBuilder summaries = new StringBuilder();

    @Override
    void act(DimmInfo dimm) throws Exception {
        if (json || human) {
            parsed.add(NdctlJson.labels(ndctl.readLabels(dimm.dev()), human));
        } else if (output != null) {
            areas.add(ndctl.readLabelArea(dimm.dev()));
        } else {
            summaries.append(summary(ndctl.readLabels(dimm.dev())));
        }
    }

    @Override
    void finish() throws Exception {
        if (json || human) {
            String text = NdctlJson.write(parsed) + "\n";
            if (output != null) {
                files.write(output, "-o", force, out -> out.write(text.getBytes(StandardCharsets.UTF_8)));
            } else {
                System.out.print(text);
            }
        } else if (output != null) {
            // ndctl concatenates the areas of several DIMMs
            files.write(output, "-o", force, out -> {
                for (byte[] area : areas) {
                    ServerFiles.chunks(out, area);
                }
            });
        } else {
            System.out.print(summaries);
        }
    }

    @Override
    String summary(int done) {
        return "read " + nmems(done);
    }

    private static String summary(LabelReading r) {
        StringBuilder s = new StringBuilder();
        s.append(String.format("%s: label area %d bytes, version %s, index block %d current (seq %d), %d of %d slots free%n",
                r.dev(), r.configSize(), r.version(), r.current(), r.currentIndex().effectiveSeq(), r.freeSlots(),
                r.nslot()));
        for (NamespaceLabel l : r.labels()) {
            s.append(String.format("  slot %d: %s name \"%s\" dpa %#x rawsize %d flags %#x isetcookie %#x%n", l.slot(),
                    l.uuid(), l.name(), l.dpa(), l.rawSize(), l.flags(), l.isetCookie()));
        }
        r.problems().forEach(p -> s.append("  ").append(p).append(System.lineSeparator()));
        return s.toString();
    }
}
