package dev.ocxlpmem.nvdimm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/** {@code nd_fletcher64} by hand on small buffers, and the checksum field read as zero. */
class Fletcher64Test {

    @Test
    void sumsLittleEndianWordsAsLinux() {
        byte[] zero = new byte[256];
        assertEquals(0, Fletcher64.of(zero, 0, 256));
        // words 1, 2, 3: lo = 1, 3, 6; hi = 1 + 3 + 6 = 10
        byte[] b = {1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0};
        assertEquals((10L << 32) | 6, Fletcher64.of(b, 0, 12));
        // lo wraps modulo 2^32 (0xffffffff + 2 = 1); hi = 0xffffffff + 1 = 2^32, whose bits the
        // shift drops, as the kernel's u64 hi32 << 32 does
        byte[] big = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 2, 0, 0, 0};
        assertEquals(1L, Fletcher64.of(big, 0, 8));
        byte[] three = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 2, 0, 0, 0, 0, 0, 0, 0};
        assertEquals((1L << 32) | 1L, Fletcher64.of(three, 0, 12));
        // an offset into a larger buffer sums only its own words
        byte[] shifted = new byte[20];
        System.arraycopy(b, 0, shifted, 4, b.length);
        shifted[0] = 9;
        shifted[16] = 9;
        assertEquals((10L << 32) | 6, Fletcher64.of(shifted, 4, 12));
    }

    @Test
    void readsTheChecksumFieldAsZero() {
        byte[] withSum = "NAMESPACE_INDEX\0ABCDEFGH12345678".getBytes(StandardCharsets.US_ASCII);
        byte[] zeroed = withSum.clone();
        for (int i = 16; i < 24; i++) {
            zeroed[i] = 0;
        }
        assertEquals(Fletcher64.of(zeroed, 0, 32), Fletcher64.of(withSum, 0, 32, 16));
        // at the block's end, where info blocks keep it
        byte[] block = new byte[4096];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i * 31);
        }
        byte[] blank = block.clone();
        java.util.Arrays.fill(blank, 4088, 4096, (byte) 0);
        assertEquals(Fletcher64.of(blank, 0, 4096), Fletcher64.of(block, 0, 4096, 4088));
    }
}
