package dev.ocxlpmem.namespaces.standalone;

import java.util.function.Consumer;

import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.namespaces.internal.NamespaceDriver;
import dev.ocxlpmem.nvdimm.NvdimmCore;

/**
 * The namespace lifecycle outside OSGi, for tests, tools and benchmarks on a plain class path; in
 * OSGi it is the {@link Namespaces} service, attached to every region as its region driver. Not
 * exported.
 */
public final class NamespaceLifecycle {
    private NamespaceLifecycle() {
    }

    /**
     * Attached to {@code core}'s regions as they are enabled, its labels in {@code labels}, its
     * sector namespaces on {@code btt}; events go to {@code events}, on the thread that caused
     * them. Namespace services are not registered anywhere; reach them with {@link Namespaces#data}.
     */
    public static Namespaces attach(NvdimmCore core, LabelStore labels, BttDriver btt,
            Consumer<NamespaceEvent> events) {
        NamespaceDriver driver = new NamespaceDriver(labels, btt, events);
        core.addRegionDriver(driver);
        return driver;
    }

    /** The same, its events going nowhere. */
    public static Namespaces attach(NvdimmCore core, LabelStore labels, BttDriver btt) {
        return attach(core, labels, btt, event -> { });
    }
}
