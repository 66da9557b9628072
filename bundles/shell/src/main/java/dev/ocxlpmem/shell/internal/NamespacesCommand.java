package dev.ocxlpmem.shell.internal;

import java.util.List;

import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Completion;

import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.nvdimm.NvdimmException;

/** A command over namespaces named as ndctl takes them: {@code namespaceR.M}, {@code R.M}, or {@code all}. */
abstract class NamespacesCommand extends DevicesCommand<NamespaceInfo> {

    @Argument(index = 0, name = "namespace", description = "namespaces: namespaceR.M, R.M, or all", required = true,
            multiValued = true)
    @Completion(NamespaceNameCompleter.class)
    List<String> names;

    @Override
    List<String> names() {
        return names;
    }

    @Override
    List<NamespaceInfo> resolve(List<String> names) throws NvdimmException {
        return ndctl.namespaces(names);
    }

    /** ndctl's plural for namespaces: {@code 1 namespace}, else {@code namespaces}. */
    static String namespaces(int count) {
        return count + " namespace" + (count == 1 ? "" : "s");
    }
}
