package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.namespaces.NamespaceInfo;

/** {@code ndctl disable-namespace}. */
@Service
@Command(scope = "ndctl", name = "disable-namespace", description = "Disable namespaces (ndctl disable-namespace)")
public class DisableNamespaceCommand extends NamespacesCommand {

    @Override
    void act(NamespaceInfo namespace) throws Exception {
        ndctl.disableNamespace(namespace.dev());
    }

    @Override
    String summary(int done) {
        return "disabled " + namespaces(done);
    }
}
