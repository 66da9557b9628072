package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.karaf.shell.api.console.Candidate;
import org.apache.karaf.shell.api.console.CommandLine;
import org.apache.karaf.shell.api.console.Completer;
import org.apache.karaf.shell.api.console.Session;

import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.ListRequest;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * Completes a whole {@code ndctl:list} line, as Karaf's completer for an action does: the command's
 * name with its description (so it shows in the {@code ndctl:<Tab>} listing), then its flags, and
 * after {@code -b}, {@code -d} or {@code -r} the names they take.
 */
final class ListCompleter implements Completer {
    private final Ndctl ndctl;

    ListCompleter(Ndctl ndctl) {
        this.ndctl = ndctl;
    }

    @Override
    public int complete(Session session, CommandLine commandLine, List<String> candidates) {
        List<Candidate> found = new ArrayList<>();
        completeCandidates(session, commandLine, found);
        found.forEach(c -> candidates.add(c.value()));
        return found.isEmpty() ? -1 : commandLine.getBufferPosition() - commandLine.getArgumentPosition();
    }

    @Override
    public void completeCandidates(Session session, CommandLine commandLine, List<Candidate> candidates) {
        int index = commandLine.getCursorArgumentIndex();
        String[] args = commandLine.getArguments();
        if (index == 0) {
            for (String name : List.of("ndctl:list", "list")) {
                candidates.add(new Candidate(name, name, null, ListCommand.DESCRIPTION, null, name, true));
            }
            return;
        }
        if (args.length == 0 || !"ndctl:list".equals(session.resolveCommand(args[0]))) {
            return;
        }
        String previous = args[index - 1];
        List<BusInfo> buses = ndctl.buses();
        switch (previous) {
            case "-b", "--bus" -> buses.forEach(b -> {
                name(candidates, b.dev());
                name(candidates, b.provider());
            });
            case "-d", "--dimm" -> buses.forEach(b -> b.dimms().forEach(d -> name(candidates, d.dev())));
            case "-r", "--region" -> buses.forEach(b -> b.regions().forEach(r -> name(candidates, r.dev())));
            case "-n", "--namespace" -> namespaceNames(candidates);
            case "-m", "--mode" -> List.of("raw", "sector", "fsdax", "devdax").forEach(m -> name(candidates, m));
            default -> ListRequest.FLAGS.forEach(f -> {
                candidates.add(new Candidate("-" + f.letter(), "-" + f.letter(), null, f.description(), null,
                        f.name(), true));
                candidates.add(new Candidate("--" + f.name(), "--" + f.name(), null, f.description(), null,
                        f.name(), true));
            });
        }
    }

    private void namespaceNames(List<Candidate> candidates) {
        try {
            ndctl.namespaces(true).stream().filter(NamespaceInfo::configured).forEach(n -> name(candidates, n.dev()));
        } catch (NvdimmException notAllowed) {
            // none offered to a user who may not list them
        }
    }

    private static void name(List<Candidate> candidates, String name) {
        candidates.add(new Candidate(name, name, null, null, null, null, true));
    }
}
