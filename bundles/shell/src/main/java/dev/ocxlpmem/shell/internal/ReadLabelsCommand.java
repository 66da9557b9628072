package dev.ocxlpmem.shell.internal;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.labels.IndexBlock;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;

/**
 * {@code ndctl read-labels}: the label area of each DIMM, raw into a file ({@code -o}) or parsed
 * into ndctl's JSON ({@code -j}: {@code dev}, {@code index[]}, {@code label[]}). Without either, a
 * short summary, since a console is no place for raw bytes.
 */
@Service
@Command(scope = "ndctl", name = "read-labels", description = "Read out the label area of DIMMs (ndctl read-labels)")
public class ReadLabelsCommand implements Action {

    @Reference
    Nvdimm nvdimm;

    @Reference
    LabelStore store;

    @Argument(index = 0, name = "nmem", description = "DIMMs (nmemN), or all", required = true, multiValued = true)
    @Completion(DimmNameCompleter.class)
    List<String> names;

    @Option(name = "-j", aliases = "--json", description = "parse the label data into JSON")
    boolean json;

    @Option(name = "-o", aliases = "--output", description = "file to write the label area (or the JSON) to")
    String output;

    @Override
    public Object execute() throws Exception {
        List<Dimm> dimms = DeviceArguments.dimms(nvdimm, names);
        if (json) {
            List<Object> out = new ArrayList<>();
            for (Dimm dimm : dimms) {
                out.add(json(store.read(dimm)));
            }
            String text = NdctlJson.topLevel(out) + "\n";
            if (output != null) {
                Files.writeString(Path.of(output), text, StandardCharsets.UTF_8);
            } else {
                System.out.print(text);
            }
        } else if (output != null) {
            // ndctl concatenates the areas of several DIMMs
            try (OutputStream file = Files.newOutputStream(Path.of(output))) {
                for (Dimm dimm : dimms) {
                    file.write(store.readArea(dimm));
                }
            }
        } else {
            for (Dimm dimm : dimms) {
                System.out.print(summary(store.read(dimm)));
            }
        }
        System.err.println("read " + dimms.size() + " nmem" + (dimms.size() == 1 ? "" : "s"));
        return null;
    }

    static Map<String, Object> json(LabelReading r) {
        Map<String, Object> dimm = new LinkedHashMap<>();
        dimm.put("dev", r.dev());
        List<Object> index = new ArrayList<>();
        for (IndexBlock b : r.indexBlocks()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("signature", b.signature());
            j.put("major", b.major());
            j.put("minor", b.minor());
            j.put("labelsize", b.labelSize());
            j.put("seq", b.seq());
            j.put("nslot", b.nslot());
            index.add(j);
        }
        dimm.put("index", index);
        List<Object> labels = new ArrayList<>();
        for (NamespaceLabel l : r.labels()) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("uuid", l.uuid().toString());
            j.put("name", l.name());
            j.put("slot", l.slot());
            j.put("position", l.position());
            j.put("nlabel", l.nlabel());
            j.put("flags", Integer.toUnsignedLong(l.flags()));
            j.put("isetcookie", u64(l.isetCookie()));
            j.put("lbasize", u64(l.lbaSize()));
            j.put("dpa", u64(l.dpa()));
            j.put("rawsize", u64(l.rawSize()));
            if (r.version() == LabelVersion.V1_2) {
                j.put("type_guid", l.typeGuid().toString());
                j.put("abstraction_guid", l.abstractionGuid().toString());
            }
            labels.add(j);
        }
        dimm.put("label", labels);
        return dimm;
    }

    private static Number u64(long v) {
        return v >= 0 ? (Number) v : new BigInteger(Long.toUnsignedString(v));
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
