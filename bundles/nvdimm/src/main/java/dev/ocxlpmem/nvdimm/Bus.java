package dev.ocxlpmem.nvdimm;

import java.util.List;

/** A registered nvdimm bus ({@code struct nvdimm_bus}). */
public interface Bus {

    /** The device name, {@code ndbusN}. */
    String dev();

    String provider();

    BusDescriptor descriptor();

    List<Dimm> dimms();

    List<Region> regions();

    /** {@code nvdimm_create}: a DIMM named {@code nmemN}. */
    Dimm createDimm(DimmDescriptor descriptor);

    /**
     * {@code nvdimm_bus_check_dimm_count}: fails unless exactly {@code expected} DIMMs are on the bus.
     */
    void checkDimmCount(int expected) throws NvdimmException;

    /** {@code nvdimm_pmem_region_create}: a pmem region named {@code regionN}, enabled. */
    Region createPmemRegion(RegionDescriptor descriptor) throws NvdimmException;

    /**
     * Dispatches a command to a DIMM of this bus through the provider's handler, refusing a
     * command outside the DIMM's mask or a family outside the bus's family mask.
     */
    <R> R call(Dimm dimm, DimmCommand<R> command) throws NvdimmException;

    /** {@code nvdimm_bus_unregister}: removes regions, then DIMMs, then the bus. Idempotent. */
    void unregister();

    boolean isRegistered();
}
