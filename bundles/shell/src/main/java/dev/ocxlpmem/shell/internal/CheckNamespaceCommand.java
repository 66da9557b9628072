package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;

/**
 * {@code ndctl check-namespace}: a sector namespace's BTT as ndctl checks it ({@code -R} repairs
 * what ndctl repairs), any other namespace's info block as Linux's probes take it. What was found
 * and repaired goes to standard error, as ndctl's check reports; a problem left fails the command.
 */
@Service
@Command(scope = "ndctl", name = "check-namespace",
        description = "Check (and repair) the BTT or info block of disabled namespaces (ndctl check-namespace)")
public class CheckNamespaceCommand extends NamespacesCommand {

    @Option(name = "-f", aliases = "--force", description = "check an enabled namespace: disabled for the check")
    boolean force;

    @Option(name = "-R", aliases = "--repair", description = "repair a BTT where ndctl repairs it")
    boolean repair;

    @Override
    void act(NamespaceInfo namespace) throws Exception {
        NamespaceCheck c = ndctl.checkNamespace(namespace.dev(), force, repair);
        err().println(c.dev() + ": " + c.found());
        for (String p : c.repaired()) {
            err().println(c.dev() + ": repaired: " + p);
        }
        for (String p : c.problems()) {
            err().println(c.dev() + ": " + p);
        }
        if (!c.consistent()) {
            boolean bttRepairs = !repair && c.found().startsWith("BTT");
            throw new NamespaceException(c.dev() + ": " + c.problems().size() + " problem"
                    + (c.problems().size() == 1 ? "" : "s") + (bttRepairs ? ": run with -R to repair what can be" : "")
                    + ": or reconfigure it (ndctl:create-namespace -e " + c.dev() + " -f) or destroy it");
        }
    }

    @Override
    String summary(int done) {
        return "checked " + namespaces(done);
    }
}
