package dev.ocxlpmem.namespaces.internal;

/**
 * Linux's {@code nd_fletcher64} ({@code drivers/nvdimm/core.c}) with little-endian words, the
 * checksum of every info block ({@code nd_sb_checksum}, {@code claim.c}): 32-bit words summed
 * into a 32-bit low half that wraps and a 64-bit high half that sums the low half.
 */
final class Fletcher64 {
    private Fletcher64() {
    }

    static long of(byte[] buf, int offset, int length) {
        long lo = 0;
        long hi = 0;
        for (int i = offset; i + 4 <= offset + length; i += 4) {
            long word = (buf[i] & 0xffL) | (buf[i + 1] & 0xffL) << 8 | (buf[i + 2] & 0xffL) << 16
                    | (buf[i + 3] & 0xffL) << 24;
            lo = (lo + word) & 0xffff_ffffL;
            hi += lo;
        }
        return hi << 32 | lo;
    }
}
