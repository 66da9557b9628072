package dev.ocxlpmem.nvdimm;

import java.util.List;
import java.util.Optional;

/**
 * The nvdimm core as its clients see it: the buses, DIMMs and regions providers registered. A
 * client reads them and reaches a DIMM only through {@link Bus#call}. Each bus, DIMM and region is
 * also an OSGi service of its own type with the {@link #DEV} and {@link #BUS} properties.
 * Providers register through {@link BusRegistry}.
 */
public interface Nvdimm {

    /** Service property of bus, DIMM and region services: the device name, e.g. {@code nmem0}. */
    String DEV = "nvdimm.dev";
    /** Service property of bus, DIMM and region services: the device name of their bus. */
    String BUS = "nvdimm.bus";

    /** The registered buses, in registration order. */
    List<Bus> buses();

    Optional<Bus> bus(String dev);

    Optional<Dimm> dimm(String dev);

    Optional<Region> region(String dev);

    /** The codec of a command family's packages, registered by the family's provider. */
    Optional<FamilyCodec> codec(int family);
}
