package dev.ocxlpmem.nvdimm;

/**
 * A provider's handle on the bus it registered: what the provider may do that a client may not.
 * Not thread-confined; each method is atomic with respect to the bus.
 */
public interface BusRegistration {

    /** The bus as clients see it. */
    Bus bus();

    /**
     * {@code nvdimm_create}: a DIMM named {@code nmemN}, enabled.
     *
     * @throws NvdimmException if the bus is gone, or another DIMM already has the descriptor's id
     */
    DimmRegistration createDimm(DimmDescriptor descriptor) throws NvdimmException;

    /** {@code nvdimm_bus_check_dimm_count}: fails unless exactly {@code expected} DIMMs are on the bus. */
    void checkDimmCount(int expected) throws NvdimmException;

    /**
     * {@code nvdimm_pmem_region_create}: a pmem region named {@code regionN}, enabled (its region
     * drivers are attached before this returns).
     *
     * @throws NvdimmException if the descriptor does not describe the region consistently; nothing
     *     is created then
     */
    Region createRegion(RegionDescriptor descriptor) throws NvdimmException;

    /**
     * {@code nvdimm_bus_add_badrange}: the device reports {@code length} bytes at {@code address}
     * (in the address space of {@link Region#start()}) that cannot be read: a media error it found
     * or was told of. Each region over the range lists it in {@link Region#badBlocks()} until a
     * region driver clears it or the provider does ({@link #clearBadRange}). Ranges already known
     * are merged; a range that touches no region is kept for regions created later.
     *
     * @throws IllegalArgumentException for a negative address, a length that is not positive, or
     *     a range that wraps past the end of the address space; nothing is recorded then
     */
    void addBadRange(long address, long length);

    /**
     * {@code nvdimm_forget_poison}: the device's media at {@code [address, address + length)} is
     * good again (e.g. an overwrite rewrote it); the regions stop listing what is no longer bad.
     *
     * @throws IllegalArgumentException as {@link #addBadRange}
     */
    void clearBadRange(long address, long length);

    /** {@code nvdimm_bus_unregister}: removes regions, then DIMMs, then the bus. Idempotent. */
    void unregister();
}
