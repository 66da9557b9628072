package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.namespaces.NamespaceInfo;

/** {@code ndctl enable-namespace}. */
@Service
@Command(scope = "ndctl", name = "enable-namespace", description = "Enable namespaces (ndctl enable-namespace)")
public class EnableNamespaceCommand extends NamespacesCommand {

    @Override
    void act(NamespaceInfo namespace) throws Exception {
        ndctl.enableNamespace(namespace.dev());
    }

    @Override
    String summary(int done) {
        return "enabled " + namespaces(done);
    }
}
