package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.Region;

/** {@code ndctl disable-region}: needed before a DIMM's labels may be rewritten by hand. */
@Service
@Command(scope = "ndctl", name = "disable-region", description = "Disable regions (ndctl disable-region)")
public class DisableRegionCommand implements Action {

    @Reference
    Nvdimm nvdimm;

    @Argument(index = 0, name = "region", description = "regions (regionN), or all", required = true,
            multiValued = true)
    @Completion(RegionNames.class)
    List<String> names;

    @Override
    public Object execute() throws Exception {
        List<Region> regions = regions(nvdimm, names);
        regions.forEach(Region::disable);
        System.err.println("disabled " + regions.size() + " region" + (regions.size() == 1 ? "" : "s"));
        return null;
    }

    /** Regions by name, or every region for {@code all}. */
    static List<Region> regions(Nvdimm nvdimm, List<String> names) throws LabelException {
        List<Region> all = new ArrayList<>();
        for (Bus bus : nvdimm.buses()) {
            all.addAll(bus.regions());
        }
        if (names.contains("all")) {
            return all;
        }
        List<Region> out = new ArrayList<>();
        for (String name : names) {
            Region region = nvdimm.region(name).orElseThrow(() -> new LabelException("no region '" + name + "': "
                    + (all.isEmpty() ? "there are none" : "known regions are "
                            + all.stream().map(Region::dev).toList())));
            if (!out.contains(region)) {
                out.add(region);
            }
        }
        return out;
    }

    /** Completes region names ({@code regionN}) and {@code all}. */
    @Service
    public static final class RegionNames implements Completer {
        @Reference
        Nvdimm nvdimm;

        @Override
        public int complete(Session session, CommandLine commandLine, List<String> candidates) {
            StringsCompleter names = new StringsCompleter();
            names.getStrings().add("all");
            for (Bus bus : nvdimm.buses()) {
                bus.regions().forEach(r -> names.getStrings().add(r.dev()));
            }
            return names.complete(session, commandLine, candidates);
        }
    }
}
