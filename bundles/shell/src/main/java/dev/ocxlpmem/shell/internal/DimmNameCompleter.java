package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Nvdimm;

/** Completes DIMM names ({@code nmemN}) and {@code all}. */
@Service
public final class DimmNameCompleter implements Completer {
    @Reference
    Nvdimm nvdimm;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        names.getStrings().add("all");
        for (Bus bus : nvdimm.buses()) {
            bus.dimms().forEach(d -> names.getStrings().add(d.dev()));
        }
        return names.complete(session, commandLine, candidates);
    }
}
