package dev.ocxlpmem.nvdimm;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Linux's {@code nd_fletcher64} ({@code drivers/nvdimm/core.c}), little-endian: the checksum of
 * label index blocks, version 1.2 labels ({@code label.c}) and every info block, PFN, DAX and BTT
 * ({@code nd_sb_checksum}, {@code claim.c}). The buffer is read as unsigned 32-bit words;
 * {@code lo = lo + w mod 2^32}, {@code hi = hi + lo}; the result is {@code hi << 32 | lo}.
 */
public final class Fletcher64 {
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

    private Fletcher64() {
    }

    /** Over {@code len} bytes (a multiple of 4) at {@code off}. */
    public static long of(byte[] b, int off, int len) {
        return of(b, off, len, -1);
    }

    /**
     * Over {@code len} bytes (a multiple of 4) at {@code off}, reading the 8-byte checksum field at
     * {@code off + checksumAt} as zero, as Linux sums a block whose checksum it verifies or sets
     * ({@code checksumAt} -1 for none).
     */
    public static long of(byte[] b, int off, int len, int checksumAt) {
        long lo = 0;
        long hi = 0;
        int end = off + len;
        int skipFrom = checksumAt < 0 ? end : off + checksumAt;
        int skipTo = checksumAt < 0 ? end : skipFrom + 8;
        for (int i = off; i < skipFrom; i += 4) {
            lo = (lo + Integer.toUnsignedLong((int) U32.get(b, i))) & 0xFFFF_FFFFL;
            hi += lo;
        }
        for (int i = skipFrom; i < skipTo; i += 4) {
            hi += lo; // a zero word
        }
        for (int i = skipTo; i < end; i += 4) {
            lo = (lo + Integer.toUnsignedLong((int) U32.get(b, i))) & 0xFFFF_FFFFL;
            hi += lo;
        }
        return (hi << 32) | lo;
    }
}
