package dev.ocxlpmem.nvdimm.standalone;

import java.util.function.Consumer;

import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.internal.Core;

/** The nvdimm core outside OSGi (where it is a DS component), for tests, benchmarks and tools. */
public final class LibNvdimm {
    private LibNvdimm() {
    }

    /** A core that publishes nothing as a service; lifecycle events go to {@code events}, on the thread that caused them. */
    public static NvdimmCore core(Consumer<NvdimmEvent> events) {
        return new Core(events);
    }

    /** A core whose events go nowhere. */
    public static NvdimmCore core() {
        return core(event -> { });
    }
}
