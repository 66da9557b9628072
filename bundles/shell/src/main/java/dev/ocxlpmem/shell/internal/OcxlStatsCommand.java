package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.NdctlJson;

/** The card controller's statistics (the series' "report controller statistics"), read now. */
@Service
@Command(scope = "ocxl", name = "stats", description = "Show the statistics of DIMMs' SCM controllers")
public class OcxlStatsCommand extends DimmsCommand {

    @Option(name = "-j", aliases = "--json", description = "print JSON")
    boolean json;

    private final List<Object> all = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    @Override
    void act(DimmInfo dimm) throws Exception {
        Map<String, Object> stats = NdctlJson.statistics(ndctl.statistics(dimm.dev()));
        if (json) {
            Map<String, Object> j = new LinkedHashMap<>();
            j.put("dev", dimm.dev());
            j.putAll(stats);
            all.add(j);
            return;
        }
        text.append(dimm.dev()).append(":\n");
        stats.forEach((key, value) -> text.append(String.format("  %-42s %s%n", key, value)));
    }

    @Override
    void finish() {
        System.out.print(json ? NdctlJson.write(all) + "\n" : text);
    }

    @Override
    String summary(int done) {
        return null;
    }
}
