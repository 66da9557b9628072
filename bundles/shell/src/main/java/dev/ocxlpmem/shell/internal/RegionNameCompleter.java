package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.RegionInfo;

/** Completes region names ({@code regionN}) and {@code all}. */
@Service
public final class RegionNameCompleter implements Completer {
    @Reference
    Ndctl ndctl;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        names.getStrings().add("all");
        for (BusInfo bus : ndctl.buses()) {
            bus.regions().stream().map(RegionInfo::dev).forEach(names.getStrings()::add);
        }
        return names.complete(session, commandLine, candidates);
    }
}
