package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.NvdimmException;

/** Completes namespace names ({@code namespaceR.M}, the configured ones, enabled or not) and {@code all}. */
@Service
public final class NamespaceNameCompleter implements Completer {
    @Reference
    Ndctl ndctl;

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        StringsCompleter names = new StringsCompleter();
        names.getStrings().add("all");
        try {
            ndctl.namespaces(true).stream().filter(NamespaceInfo::configured).map(NamespaceInfo::dev)
                    .forEach(names.getStrings()::add);
        } catch (NvdimmException notAllowed) {
            // a user who may not list namespaces is offered none
        }
        return names.complete(session, commandLine, candidates);
    }
}
