package dev.ocxlpmem.namespaces.internal;

import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.Namespace;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * The enabled namespaces of one region offered as {@link Namespace} services, each on its own
 * second mapping of the region's memory ({@link EnabledNamespace}); a sector namespace's BTT opens
 * from what its probe read. Withdrawing one takes its service away first, then closes its mappings,
 * after which no access through them reaches the memory.
 */
final class NamespaceServices {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceServices.class);

    /** An enabled namespace offered as a service, and how to withdraw it. */
    private record Offered(EnabledNamespace namespace, Runnable withdraw) {
    }

    private final Mapping memory;
    private final Function<EnabledNamespace, Runnable> publish;
    private final Map<Integer, Offered> offered = new HashMap<>();

    /**
     * @param memory the region's memory, DPA 0 at its start
     * @param publish registers a namespace's service and returns how to withdraw it
     */
    NamespaceServices(Mapping memory, Function<EnabledNamespace, Runnable> publish) {
        this.memory = memory;
        this.publish = publish;
    }

    boolean has(int id) {
        return offered.containsKey(id);
    }

    Optional<Namespace> get(int id) {
        Offered o = offered.get(id);
        return o == null ? Optional.empty() : Optional.of(o.namespace());
    }

    /**
     * Offers an enabled namespace as its claim found it.
     *
     * @return false when it could not be opened: its BTT did not open (only a media error fails
     *     it: the probe verified what it opens from) or its memory could not be mapped again (only
     *     when the process is out of mappings); the log says why, and nothing is offered
     */
    boolean offer(NamespaceState s, NamespaceInfo info) {
        EnabledNamespace namespace;
        try {
            if (s.claim().mode() == NamespaceMode.SECTOR) {
                namespace = new EnabledNamespace(info, memory, s.ns().dpa(), s.ns().size(),
                        s.claim().sector().reading());
            } else {
                long base = s.ns().dpa();
                long size = s.ns().size();
                PfnInfoBlock pfn = s.claim().pfn();
                if (pfn != null) {
                    base += pfn.startPad() + pfn.dataoff();
                    size = pfn.dataSize(s.ns().size());
                }
                namespace = new EnabledNamespace(info, memory, base, size);
            }
        } catch (BttException | UncheckedIOException e) {
            LOG.warn("{}: not enabled: {}", info.dev(), e.getMessage());
            return false;
        }
        try {
            offered.put(s.ns().id(), new Offered(namespace, publish.apply(namespace)));
        } catch (RuntimeException e) {
            namespace.close(); // its mapping goes now, not when it is collected
            throw e;
        }
        return true;
    }

    /** Withdraws the namespace's service, then closes its mappings. */
    void withdraw(int id) {
        Offered o = offered.remove(id);
        if (o != null) {
            try {
                o.withdraw().run();
            } finally {
                o.namespace().close();
            }
        }
    }

    void withdrawAll() {
        for (int id : List.copyOf(offered.keySet())) {
            withdraw(id);
        }
    }
}
