package dev.ocxlpmem.shell.internal;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.ndctl.NamespaceArguments;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * {@code ndctl create-namespace}: a new namespace in a region, or with {@code -e} an existing one
 * reconfigured, printed as ndctl prints it. Refusals (a size that does not fit, an unknown mode,
 * an enabled namespace without {@code -f}) change nothing and fail the command with the reason.
 */
@Service
@Command(scope = "ndctl", name = "create-namespace",
        description = "Create a namespace, or reconfigure one with -e (ndctl create-namespace)")
public class CreateNamespaceCommand implements Action {
    private static final Logger LOG = LoggerFactory.getLogger(CreateNamespaceCommand.class);

    @Reference
    Ndctl ndctl;

    @Reference
    Session session;

    @Option(name = "-r", aliases = "--region", description = "the region (regionN or N); default: the one with the"
            + " most free space")
    @Completion(RegionNameCompleter.class)
    String region;

    @Option(name = "-e", aliases = "--reconfig", description = "reconfigure this namespace (namespaceR.M) instead")
    @Completion(NamespaceNameCompleter.class)
    String reconfigure;

    @Option(name = "-m", aliases = "--mode", description = "raw, fsdax (the default), devdax; sector needs the BTT")
    @Completion(value = StringsCompleter.class, values = {"raw", "fsdax", "devdax", "sector"})
    String mode;

    @Option(name = "-s", aliases = "--size", description = "size, e.g. 128M or 1G; default: the largest free extent")
    String size;

    @Option(name = "-n", aliases = "--name", description = "the label's name, up to 63 bytes")
    String name;

    @Option(name = "-a", aliases = "--align", description = "fsdax and devdax mapping alignment: 4K, 2M (default), 1G")
    @Completion(value = StringsCompleter.class, values = {"4K", "2M", "1G"})
    String align;

    @Option(name = "-u", aliases = "--uuid", description = "the label's uuid; default: a new one")
    String uuid;

    @Option(name = "-M", aliases = "--map", description = "where the page metadata lives: dev (mem is not possible here)")
    @Completion(value = StringsCompleter.class, values = {"dev"})
    String map;

    @Option(name = "-l", aliases = "--sector-size", description = "sector size: 512 or 4096")
    @Completion(value = StringsCompleter.class, values = {"512", "4096"})
    String sectorSize;

    @Option(name = "-f", aliases = "--force", description = "reconfigure even an enabled namespace")
    boolean force;

    @Option(name = "-L", aliases = "--no-autolabel", description = "do not give a label-less region labels to reconfigure")
    boolean noAutolabel;

    @Override
    public Object execute() throws Exception {
        NamespaceArguments options = new NamespaceArguments(mode, size, name, align, uuid, map, sectorSize, force,
                !noAutolabel);
        NamespaceInfo made;
        try {
            made = reconfigure != null ? ndctl.reconfigureNamespace(reconfigure, options)
                    : ndctl.createNamespace(region, options);
        } catch (NvdimmException e) {
            if (e.isFault()) {
                throw e;
            }
            LOG.info("create-namespace refused: {}", e.getMessage());
            String prefix = "failed to " + (reconfigure != null ? "reconfigure" : "create") + " namespace: ";
            throw new CommandException(e.getMessage().startsWith("failed to ") ? e.getMessage()
                    : prefix + e.getMessage());
        } finally {
            SessionStreams.flush(session);
        }
        // ndctl prints the namespace with its dax region, as util_namespace_to_json with UTIL_JSON_DAX
        System.out.println(NdctlJson.write(NdctlJson.namespace(made, false, true, false)));
        SessionStreams.flush(session);
        return null;
    }
}
