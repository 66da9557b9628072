package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;

/**
 * {@code ndctl check-namespace} for raw, fsdax and devdax namespaces: whether Linux takes the info
 * block the label says is there. What was found goes to standard error, as ndctl's check reports;
 * a problem fails the command.
 */
@Service
@Command(scope = "ndctl", name = "check-namespace",
        description = "Check the info block of disabled raw, fsdax and devdax namespaces (ndctl check-namespace)")
public class CheckNamespaceCommand extends NamespacesCommand {

    @Option(name = "-f", aliases = "--force", description = "check an enabled namespace: disabled for the check")
    boolean force;

    @Override
    void act(NamespaceInfo namespace) throws Exception {
        NamespaceCheck c = ndctl.checkNamespace(namespace.dev(), force);
        err().println(c.dev() + ": " + c.found());
        for (String p : c.problems()) {
            err().println(c.dev() + ": " + p);
        }
        if (!c.consistent()) {
            throw new NamespaceException(c.dev() + ": " + c.problems().size() + " problem"
                    + (c.problems().size() == 1 ? "" : "s") + ": reconfigure it (ndctl:create-namespace -e " + c.dev()
                    + " -f) or destroy it");
        }
    }

    @Override
    String summary(int done) {
        return "checked " + namespaces(done);
    }
}
