package dev.ocxlpmem.nvdimm;

/** A range of a provider's addresses (as a region's {@code start} counts them), in bytes. */
public record AddressRange(long offset, long length) {
    public AddressRange {
        if (offset < 0 || length <= 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("address range " + offset + "+" + length
                    + " must have a non-negative offset and a positive length");
        }
    }

    public long end() {
        return offset + length;
    }
}
