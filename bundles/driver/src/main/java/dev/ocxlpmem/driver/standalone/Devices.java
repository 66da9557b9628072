package dev.ocxlpmem.driver.standalone;

import java.util.function.Consumer;

import dev.ocxlpmem.driver.Device;
import dev.ocxlpmem.driver.internal.OcxlCodec;
import dev.ocxlpmem.driver.internal.OcxlPmemDevice;
import dev.ocxlpmem.nvdimm.BusRegistry;
import dev.ocxlpmem.nvdimm.FamilyCodec;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * Cards probed by the driver outside OSGi, for tests, tools and benchmarks on a plain class path;
 * in OSGi the driver component probes every function it binds. Not exported.
 */
public final class Devices {
    private Devices() {
    }

    /** The codec of the driver's command family, for a standalone core's {@code addFamilyCodec}. */
    public static FamilyCodec codec() {
        return new OcxlCodec();
    }

    /**
     * Probes function 1 of a card: waits for its controller within CCAP0's timeouts, registers its
     * bus with {@code nvdimm}, its label area the first {@code labelAreaSize} bytes of LPC memory.
     * The controller's events go to {@code events}, from its interrupt thread.
     *
     * @throws NvdimmException naming the probe step that failed; nothing is left registered then
     */
    public static Device probe(OcxlFunction function, BusRegistry nvdimm, long labelAreaSize,
            Consumer<ScmEvent> events) throws NvdimmException {
        return OcxlPmemDevice.standalone(function, nvdimm, labelAreaSize, events);
    }
}
