package dev.ocxlpmem.ocxl;

/**
 * An AFU's global MMIO area, mapped ({@code ocxl_global_mmio_read64} / {@code _write64} with
 * {@code OCXL_LITTLE_ENDIAN}). Accesses are 64 bits wide, at 8-byte aligned offsets below
 * {@link #size()}; each is a single-copy atomic load or store, visible to the device at once.
 */
public interface GlobalMmio extends AutoCloseable {

    /** Bytes in the area ({@link AfuConfig#globalMmioSize()}). */
    long size();

    /**
     * @throws IndexOutOfBoundsException if {@code offset} is not 8-byte aligned or not below
     *     {@code size() - 7}; nothing is read
     * @throws OcxlException if the area was unmapped or the AFU released
     */
    long read64(long offset) throws OcxlException;

    /**
     * @throws IndexOutOfBoundsException if {@code offset} is not 8-byte aligned or not below
     *     {@code size() - 7}; nothing is written
     * @throws OcxlException if the area was unmapped or the AFU released
     */
    void write64(long offset, long value) throws OcxlException;

    /** Unmaps. Idempotent; later accesses throw {@link OcxlException}. */
    @Override
    void close();
}
