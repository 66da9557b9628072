package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.namespaces.internal.PfnCheck.Outcome;
import dev.ocxlpmem.namespaces.internal.PfnCheck.Verdict;

/** Linux's {@code nd_pfn_validate}, rule by rule: what it accepts, and each refusal in its words. */
class PfnCheckTest {
    static final long MIB = 1L << 20;
    static final long SIZE = 128 * MIB;
    static final UUID PARENT = UUID.fromString("9adbdc12-fa83-4b1a-a5fa-239c43c686c7");
    static final UUID UUID_PFN = UUID.fromString("16953000-0cb3-4787-afef-21da1abc7824");
    static final PfnPlatform X86 = PfnPlatform.X86_64;

    static byte[] block(PfnInfoBlock.Kind kind) throws Exception {
        return PfnInfoBlock.of(kind, UUID_PFN, PARENT, PfnLayout.compute(0, SIZE, PfnInfoBlock.MODE_PMEM, 2 * MIB, X86),
                X86).encode();
    }

    /** The block with a field changed and its checksum made right again. */
    static byte[] with(byte[] b, int offset, long value, int bytes) {
        byte[] c = b.clone();
        PfnInfoBlock.putLe(c, offset, value, bytes);
        PfnInfoBlock.putLe(c, PfnInfoBlock.CHECKSUM, PfnInfoBlock.checksum(c), 8);
        return c;
    }

    static Verdict pfn(byte[] b) {
        return PfnCheck.check(b, PfnInfoBlock.Kind.PFN, PARENT, 0, SIZE, null, X86);
    }

    static void refused(Verdict v, String reason) {
        assertEquals(Outcome.REFUSED, v.outcome(), v.toString());
        assertTrue(v.reason().startsWith(reason), v.reason());
        assertNull(v.block());
    }

    @Test
    void acceptsWhatLinuxWrites() throws Exception {
        Verdict v = pfn(block(PfnInfoBlock.Kind.PFN));
        assertEquals(Outcome.VALID, v.outcome());
        assertEquals(2 * MIB, v.align());
        assertEquals(4 * MIB, v.block().dataoff());
        assertEquals(Outcome.VALID, PfnCheck.check(block(PfnInfoBlock.Kind.DAX), PfnInfoBlock.Kind.DAX, PARENT, 0, SIZE,
                null, X86).outcome());
    }

    @Test
    void absentWhenItIsNotThisNamespacesBlock() throws Exception {
        Verdict none = pfn(new byte[4096]);
        assertEquals(Outcome.ABSENT, none.outcome());
        assertEquals("no NVDIMM_PFN_INFO signature at 4 KiB", none.reason());
        assertEquals(Outcome.ABSENT, pfn(block(PfnInfoBlock.Kind.DAX)).outcome(), "a DAX block is no PFN block");
        byte[] torn = block(PfnInfoBlock.Kind.PFN);
        torn[100] ^= 1;
        Verdict bad = pfn(torn);
        assertEquals(Outcome.ABSENT, bad.outcome());
        assertTrue(bad.reason().startsWith("NVDIMM_PFN_INFO checksum 0x"), bad.reason());
        Verdict other = PfnCheck.check(block(PfnInfoBlock.Kind.PFN), PfnInfoBlock.Kind.PFN, UUID.randomUUID(), 0, SIZE,
                null, X86);
        assertEquals(Outcome.ABSENT, other.outcome());
        assertTrue(other.reason().startsWith("NVDIMM_PFN_INFO belongs to namespace " + PARENT), other.reason());
        assertEquals(Outcome.ABSENT, PfnCheck.check(block(PfnInfoBlock.Kind.PFN), PfnInfoBlock.Kind.PFN, UuidBytes.NIL,
                0, SIZE, null, X86).outcome(), "a label-less namespace's parent is nil");
    }

    @Test
    void anUnknownModeLetsTheNextProbeLook() throws Exception {
        Verdict v = pfn(with(block(PfnInfoBlock.Kind.PFN), 0x48, 3, 4));
        assertEquals(Outcome.UNKNOWN_MODE, v.outcome());
        assertEquals("NVDIMM_PFN_INFO mode 3 is neither 1 (map=mem) nor 2 (map=dev)", v.reason());
    }

    @Test
    void refusesPagesAndPageMetadataThisKernelCannotUse() throws Exception {
        refused(pfn(with(block(PfnInfoBlock.Kind.PFN), 0x58, 65536, 4)), "init failed, page size mismatch 65536");
        refused(pfn(with(block(PfnInfoBlock.Kind.PFN), 0x5c, 40, 2)), "init failed, struct page size mismatch 40");
        byte[] ram = with(with(block(PfnInfoBlock.Kind.PFN), 0x48, 1, 4), 0x58, 65536, 4);
        assertEquals(Outcome.VALID, pfn(ram).outcome(), "with map=mem the page metadata is not on the device");
    }

    @Test
    void refusesAlignmentsItCannotHonour() throws Exception {
        byte[] dax8m = with(block(PfnInfoBlock.Kind.DAX), 0x54, 8 * MIB, 4);
        refused(PfnCheck.check(dax8m, PfnInfoBlock.Kind.DAX, PARENT, 0, SIZE, null, X86),
                "init failed, alignment mismatch: 2097152:8388608");
        // fsdax does not check the list, but 4 MiB of metadata is not 8 MiB aligned
        refused(pfn(with(block(PfnInfoBlock.Kind.PFN), 0x54, 8 * MIB, 4)), "bad offset: 0x400000 dax disabled align: 0x800000");
        refused(pfn(with(block(PfnInfoBlock.Kind.PFN), 0x54, 256 * MIB, 4)), "alignment: 0x10000000 exceeds capacity 0x8000000");
        refused(pfn(with(block(PfnInfoBlock.Kind.PFN), 0x38, SIZE, 8)), "pfn array size exceeds capacity");
        refused(pfn(with(block(PfnInfoBlock.Kind.PFN), 0x38, 3 * MIB, 8)), "bad offset: 0x300000 dax disabled align: 0x200000");
        refused(pfn(with(block(PfnInfoBlock.Kind.PFN), 0x38, 4 * MIB + 512, 8)), "bad offset");
    }

    @Test
    void refusesANamespaceThatMovedOffItsAlignment() throws Exception {
        byte[] page = with(block(PfnInfoBlock.Kind.PFN), 0x54, 4096, 4);
        refused(PfnCheck.check(page, PfnInfoBlock.Kind.PFN, PARENT, 1 * MIB, SIZE, null, X86),
                "resource start misaligned: 0x100000 is not a multiple of 0x200000");
        refused(PfnCheck.check(page, PfnInfoBlock.Kind.PFN, PARENT, 0, SIZE - MIB, null, X86),
                "resource end misaligned: 0x7f00000 is not a multiple of 0x200000");
        byte[] trimmed = with(page, 0x50, MIB, 4);
        assertEquals(Outcome.VALID, PfnCheck.check(trimmed, PfnInfoBlock.Kind.PFN, PARENT, 0, SIZE - MIB, null, X86)
                .outcome(), "end_trunc keeps the end aligned");
    }

    @Test
    void readsOlderVersionsAsLinuxDoes() throws Exception {
        // minor 0: no start_pad/end_trunc, no align (it follows from dataoff), no page sizes
        byte[] v10 = with(with(with(with(block(PfnInfoBlock.Kind.PFN), 0x36, 0, 2), 0x50, 12345, 4), 0x54, 0, 4), 0x58,
                65536, 4);
        Verdict v = pfn(v10);
        assertEquals(Outcome.VALID, v.outcome(), v.toString());
        assertEquals(4 * MIB, v.align(), "1 << ilog2(dataoff)");
        assertEquals(0, v.block().endTrunc());
        assertEquals(4096, v.block().pageSize());
        assertEquals(64, v.block().pageStructSize());
        byte[] v13 = with(with(block(PfnInfoBlock.Kind.PFN), 0x36, 3, 2), 0x5c, 8, 2);
        assertEquals(Outcome.VALID, pfn(v13).outcome(), "before 1.4 the struct page size is taken as 64");
        byte[] v10zero = with(with(v10, 0x38, 0, 8), 0x40, 0, 8);
        refused(pfn(v10zero), "alignment: 0x8000000000000000 exceeds capacity");
    }

    @Test
    void anInstanceBeingEnabledMustMatchItsBlock() throws Exception {
        byte[] b = block(PfnInfoBlock.Kind.PFN);
        PfnCheck.Expected same = new PfnCheck.Expected(UUID_PFN, 2 * MIB, PfnInfoBlock.MODE_PMEM);
        assertEquals(Outcome.VALID, PfnCheck.check(b, PfnInfoBlock.Kind.PFN, PARENT, 0, SIZE, same, X86).outcome());
        PfnCheck.Expected otherUuid = new PfnCheck.Expected(UUID.randomUUID(), 2 * MIB, PfnInfoBlock.MODE_PMEM);
        assertEquals(Outcome.ABSENT, PfnCheck.check(b, PfnInfoBlock.Kind.PFN, PARENT, 0, SIZE, otherUuid, X86).outcome(),
                "another instance's block is not there (it gets a new one)");
        PfnCheck.Expected otherAlign = new PfnCheck.Expected(UUID_PFN, 4096, PfnInfoBlock.MODE_PMEM);
        refused(PfnCheck.check(b, PfnInfoBlock.Kind.PFN, PARENT, 0, SIZE, otherAlign, X86),
                "init failed, settings mismatch: align 4096:2097152");
    }
}
