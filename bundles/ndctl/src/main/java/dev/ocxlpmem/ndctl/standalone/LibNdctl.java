package dev.ocxlpmem.ndctl.standalone;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.internal.NdctlService;
import dev.ocxlpmem.nvdimm.Nvdimm;

/**
 * The {@link Ndctl} service outside OSGi, for tests, tools and benchmarks on a plain class path (in
 * OSGi it is a DS component): over a core and a label store, with or without a namespace lifecycle.
 */
public final class LibNdctl {
    private LibNdctl() {
    }

    /** Label backups under {@code backups}; no namespaces. */
    public static Ndctl over(Nvdimm nvdimm, LabelStore labels, Path backups) {
        return new NdctlService(nvdimm, labels, backups, null);
    }

    /** Label backups in a fresh temporary directory; no namespaces. */
    public static Ndctl over(Nvdimm nvdimm, LabelStore labels) {
        return over(nvdimm, labels, temporaryBackups());
    }

    /** With the namespace lifecycle (the namespaces bundle's standalone {@code NamespaceLifecycle}). */
    public static Ndctl over(Nvdimm nvdimm, LabelStore labels, Namespaces namespaces) {
        return new NdctlService(nvdimm, labels, temporaryBackups(), namespaces);
    }

    private static Path temporaryBackups() {
        try {
            return Files.createTempDirectory("ocxlpmem-labels");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
