package dev.ocxlpmem.ndctl.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.ndctl.NamespaceArguments;
import dev.ocxlpmem.ndctl.NoSuchDeviceException;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;

/**
 * The namespaces, named {@code namespaceR.M} or {@code R.M} as ndctl takes them, through the
 * namespace lifecycle; what the user typed is parsed here once ({@link NamespaceArgumentParser}).
 * The role checks are the service's.
 */
final class NamespaceOperations {
    private final Devices devices;
    /** Null outside OSGi when the service was made without one: no namespaces then. */
    private final Namespaces namespaces;

    NamespaceOperations(Devices devices, Namespaces namespaces) {
        this.devices = devices;
        this.namespaces = namespaces;
    }

    /** The enabled ones, and with {@code idle} the disabled ones and each region's seed. */
    List<NamespaceInfo> list(boolean idle) throws NvdimmException {
        if (namespaces == null) {
            return List.of();
        }
        List<NamespaceInfo> all = namespaces.namespaces();
        return idle ? all : all.stream().filter(NamespaceInfo::enabled).toList();
    }

    /** Those {@code names} name, each once, in the order given; {@code all} for every configured one. */
    List<NamespaceInfo> list(List<String> names) throws NvdimmException {
        if (names.contains("all")) {
            return lifecycle().namespaces().stream().filter(NamespaceInfo::configured).toList();
        }
        List<NamespaceInfo> out = new ArrayList<>();
        for (String name : names) {
            NamespaceInfo n = find(name);
            if (out.stream().noneMatch(o -> o.dev().equals(n.dev()))) {
                out.add(n);
            }
        }
        return out;
    }

    /** In {@code region}, or with null in the enabled region with the most free space. */
    NamespaceInfo create(String region, NamespaceArguments options) throws NvdimmException {
        String target = region != null ? devices.region(region).dev() : roomiestRegion();
        return lifecycle().create(target, NamespaceArgumentParser.parse(options));
    }

    NamespaceInfo reconfigure(String namespace, NamespaceArguments options) throws NvdimmException {
        return lifecycle().reconfigure(find(namespace).dev(), NamespaceArgumentParser.parse(options));
    }

    boolean destroy(String namespace, boolean force) throws NvdimmException {
        return lifecycle().destroy(find(namespace).dev(), force);
    }

    void enable(String namespace) throws NvdimmException {
        lifecycle().enable(find(namespace).dev());
    }

    void disable(String namespace) throws NvdimmException {
        lifecycle().disable(find(namespace).dev());
    }

    List<InfoBlockReport> readInfoblock(String namespace) throws NvdimmException {
        return lifecycle().readInfoblock(find(namespace).dev());
    }

    NamespaceCheck check(String namespace, boolean force, boolean repair) throws NvdimmException {
        return lifecycle().check(find(namespace).dev(), force, repair);
    }

    private Namespaces lifecycle() throws NvdimmException {
        if (namespaces == null) {
            throw new NvdimmException("no namespace lifecycle here: this service was made without one");
        }
        return namespaces;
    }

    /** ndctl's {@code util_namespace_filter}: {@code namespaceR.M} or {@code R.M}. */
    NamespaceInfo find(String name) throws NvdimmException {
        String dev = name.matches("\\d{1,9}\\.\\d{1,9}") ? "namespace" + name : name;
        try {
            return lifecycle().namespace(dev);
        } catch (NamespaceException e) {
            throw new NoSuchDeviceException(e.getMessage().replace("'" + dev + "'", "'" + name + "'"));
        }
    }

    /** The enabled region with the largest free extent (the first of equals), or the first enabled one. */
    private String roomiestRegion() throws NvdimmException {
        Region best = null;
        for (Region r : devices.regions()) {
            if (r.isEnabled() && (best == null || r.maxAvailableExtent() > best.maxAvailableExtent())) {
                best = r;
            }
        }
        if (best == null) {
            throw new NamespaceException("failed to create namespace: No such device or address: no region is enabled"
                    + (devices.regions().isEmpty() ? " (there are none)" : " (ndctl:enable-region)"));
        }
        return best.dev();
    }
}
