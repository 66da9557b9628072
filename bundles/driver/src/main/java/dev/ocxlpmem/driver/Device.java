package dev.ocxlpmem.driver;

import java.util.function.Consumer;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusRegistry;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * One card probed by the driver outside OSGi — for tests, benchmarks and tools, as the emulator's
 * {@code Card.plug} is for the card: the same probe the driver component runs, on the calling
 * thread. Inside Karaf the component probes every function it binds.
 */
public interface Device extends AutoCloseable {

    /** The bus the card registered, with its DIMM and region. */
    Bus bus();

    /** Removes the card: its bus goes, then SHUTDOWN reaches its controller, then the function is released. */
    @Override
    void close();

    /**
     * Probes function 1 of a card: waits for its controller within CCAP0's timeouts, registers its
     * bus with {@code nvdimm}, its label area the first {@code labelAreaSize} bytes of LPC memory.
     * The controller's events go to {@code events}, from its interrupt thread.
     *
     * @throws NvdimmException naming the probe step that failed; nothing is left registered then
     */
    static Device probe(OcxlFunction function, BusRegistry nvdimm, long labelAreaSize, Consumer<ScmEvent> events)
            throws NvdimmException {
        return dev.ocxlpmem.driver.internal.OcxlPmemDevice.standalone(function, nvdimm, labelAreaSize, events);
    }
}
