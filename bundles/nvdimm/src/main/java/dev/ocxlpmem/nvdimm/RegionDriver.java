package dev.ocxlpmem.nvdimm;

/**
 * What makes use of an enabled region, as Linux's {@code nd_region} driver does: registered as an
 * OSGi service (or with a standalone core), it is attached to each region while the region is
 * enabled. Attached, it owns the labels of the region's DIMMs and may read and write the region's
 * memory; detached, it must stop using both.
 */
public interface RegionDriver {

    /**
     * The region was enabled (or this driver registered while it was). Runs before
     * {@link Region#enable()} returns.
     *
     * @throws NvdimmException to refuse the region; it stays disabled and the enable fails with
     *     this message
     */
    void attach(EnabledRegion region) throws NvdimmException;

    /** The region is being disabled or removed; the handle stops working when this returns. */
    void detach(EnabledRegion region);
}
