package dev.ocxlpmem.nvdimm;

import java.util.List;
import java.util.Optional;

/**
 * The nvdimm core. Providers (drivers) register buses through it; tools find buses, DIMMs and
 * regions through it. Each bus, DIMM and region is also registered as an OSGi service of its own
 * type with the {@link #DEV} property, so that management can follow them as they come and go.
 */
public interface Nvdimm {

    /** Service property of bus, DIMM and region services: the device name, e.g. {@code nmem0}. */
    String DEV = "nvdimm.dev";
    /** Service property of DIMM and region services: the device name of their bus. */
    String BUS = "nvdimm.bus";

    /** {@code nvdimm_bus_register}: a new bus named {@code ndbusN}. */
    Bus registerBus(BusDescriptor descriptor);

    /** The registered buses, in registration order. */
    List<Bus> buses();

    Optional<Bus> bus(String dev);

    Optional<Dimm> dimm(String dev);

    Optional<Region> region(String dev);
}
