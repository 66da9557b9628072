package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.namespaces.NamespaceInfo;

/**
 * {@code ndctl destroy-namespace}: clears the info block and deletes the label. An enabled
 * namespace needs {@code -f}; a label-less one without an info block is skipped, as ndctl skips it.
 */
@Service
@Command(scope = "ndctl", name = "destroy-namespace",
        description = "Destroy namespaces: clear their info block, delete their label (ndctl destroy-namespace)")
public class DestroyNamespaceCommand extends NamespacesCommand {

    @Option(name = "-f", aliases = "--force", description = "destroy even an enabled namespace")
    boolean force;

    private int skipped;

    @Override
    void act(NamespaceInfo namespace) throws Exception {
        if (!ndctl.destroyNamespace(namespace.dev(), force)) {
            skipped++;
        }
    }

    @Override
    String summary(int done) {
        return "destroyed " + namespaces(done - skipped);
    }
}
