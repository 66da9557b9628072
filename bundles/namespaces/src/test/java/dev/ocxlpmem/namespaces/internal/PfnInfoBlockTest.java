package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.namespaces.NamespaceException;

/** The info block's fields at their limits, and what is not an info block. */
class PfnInfoBlockTest {
    static final UUID U = UUID.fromString("16953000-0cb3-4787-afef-21da1abc7824");

    @Test
    void everyFieldRoundTripsAtItsLimits() throws Exception {
        PfnInfoBlock max = new PfnInfoBlock(PfnInfoBlock.Kind.DAX, U, UuidBytes.NIL, 0xffff_ffffL, 0xffff, 0xffff, -1L, -1L,
                -1, 0xffff_ffffL, 0xffff_ffffL, 0xffff_ffffL, 0xffff_ffffL, 0xffff);
        assertEquals(max, PfnInfoBlock.decode(max.encode()));
        assertEquals("65535.65535", max.report("namespace0.1").version());
        assertEquals(-1, max.report("namespace0.1").mode(), "ndctl prints the u32 mode as an int");
        byte[] b = max.encode();
        assertEquals('N', b[0]);
        assertEquals(0x16, b[16] & 0xff, "the uuid in string order");
        assertEquals(PfnInfoBlock.checksum(b), PfnInfoBlock.storedChecksum(b));
    }

    @Test
    void refusesFieldsThatDoNotFit() {
        assertEquals("align 4294967296 does not fit the block's 32-bit field",
                assertThrows(IllegalArgumentException.class, () -> new PfnInfoBlock(PfnInfoBlock.Kind.PFN, U, U, 0, 1, 4, 0,
                        0, 2, 0, 0, 1L << 32, 4096, 64)).getMessage());
        assertEquals("page_struct_size 65536 does not fit the block's 16-bit field",
                assertThrows(IllegalArgumentException.class, () -> new PfnInfoBlock(PfnInfoBlock.Kind.PFN, U, U, 0, 1, 4, 0,
                        0, 2, 0, 0, 4096, 4096, 65536)).getMessage());
    }

    @Test
    void anythingElseIsNoInfoBlock() {
        byte[] btt = new byte[4096];
        System.arraycopy("BTT_ARENA_INFO".getBytes(StandardCharsets.US_ASCII), 0, btt, 0, 14);
        assertEquals("no PFN or DAX info block: the signature reads 'BTT_ARENA_INFO'",
                assertThrows(NamespaceException.class, () -> PfnInfoBlock.decode(btt)).getMessage());
        assertEquals("an info block is 4096 bytes, not 512",
                assertThrows(NamespaceException.class, () -> PfnInfoBlock.decode(new byte[512])).getMessage());
        byte[] almost = new byte[4096];
        System.arraycopy("NVDIMM_PFN_INFO!".getBytes(StandardCharsets.US_ASCII), 0, almost, 0, 16);
        assertEquals(null, PfnInfoBlock.kindOf(almost), "the NUL is part of the signature");
    }
}
