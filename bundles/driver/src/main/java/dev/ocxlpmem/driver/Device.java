package dev.ocxlpmem.driver;

import dev.ocxlpmem.nvdimm.Bus;

/**
 * One card probed by the driver outside OSGi — for tests, benchmarks and tools; it comes from
 * {@code dev.ocxlpmem.driver.standalone.Devices}, as the emulator's card from its {@code Cards}:
 * the same probe the driver component runs, on the calling thread. Inside Karaf the component
 * probes every function it binds.
 */
public interface Device extends AutoCloseable {

    /** The bus the card registered, with its DIMM and region. */
    Bus bus();

    /** Removes the card: its bus goes, then SHUTDOWN reaches its controller, then the function is released. */
    @Override
    void close();
}
