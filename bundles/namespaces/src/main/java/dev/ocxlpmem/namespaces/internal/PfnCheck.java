package dev.ocxlpmem.namespaces.internal;

import java.util.UUID;

import dev.ocxlpmem.namespaces.NamespaceException;

/**
 * Whether Linux accepts an info block: its {@code nd_pfn_validate} ({@code drivers/nvdimm/pfn_devs.c},
 * 6.1), rule for rule and in its order. The outcome tells what Linux then does with the namespace
 * ({@code nd_pmem_probe}): a valid block claims it; an absent one ({@code -ENODEV}) or one of an
 * unknown mode ({@code -ENXIO}) lets the next probe try; a refused one ({@code -EOPNOTSUPP}) leaves
 * the namespace unusable until it is reconfigured.
 */
final class PfnCheck {

    /** What Linux concludes. */
    enum Outcome {
        /** The block claims the namespace. */
        VALID,
        /** {@code -ENODEV}: no block of this kind for this namespace; the next probe runs. */
        ABSENT,
        /** {@code -ENXIO}: a block whose mode Linux does not know; the next probe runs. */
        UNKNOWN_MODE,
        /** {@code -EOPNOTSUPP}: a block Linux will not use; the namespace stays disabled. */
        REFUSED
    }

    /**
     * The verdict. For a {@link Outcome#VALID} one, {@code block} as Linux reads it (fields a lower
     * minor version lacks reset as Linux resets them) and {@code align} the effective alignment
     * ({@code 1 << ilog2(dataoff)} when the block records none); otherwise {@code reason} says why.
     */
    record Verdict(Outcome outcome, PfnInfoBlock block, long align, String reason) {
        boolean valid() {
            return outcome == Outcome.VALID;
        }
    }

    /**
     * Settings of a pfn/dax instance being enabled over a namespace that already has a uuid, align
     * and mode set (ndctl's create path); Linux compares them with the block's.
     */
    record Expected(UUID uuid, long align, int mode) {
    }

    private PfnCheck() {
    }

    /**
     * @param block the 4 KiB at {@link PfnInfoBlock#OFFSET} of the namespace
     * @param kind the signature the probe looks for (the pfn probe PFN, the dax probe DAX)
     * @param parentUuid the namespace's label uuid, nil for a label-less namespace
     * @param start the namespace's physical address
     * @param size the namespace's size
     * @param expected the instance's settings, or {@code null} when probing (settings come from the block)
     */
    static Verdict check(byte[] block, PfnInfoBlock.Kind kind, UUID parentUuid, long start, long size,
            Expected expected, PfnPlatform platform) {
        if (block.length != PfnInfoBlock.SIZE) {
            throw new IllegalArgumentException("an info block is " + PfnInfoBlock.SIZE + " bytes, not " + block.length);
        }
        if (!kind.matches(block)) {
            return absent("no " + kind.text() + " signature at 4 KiB");
        }
        long stored = PfnInfoBlock.storedChecksum(block);
        long computed = PfnInfoBlock.checksum(block);
        if (stored != computed) {
            return absent(kind.text() + " checksum 0x" + Long.toHexString(stored) + " does not match its contents (0x"
                    + Long.toHexString(computed) + ")");
        }
        PfnInfoBlock b;
        try {
            b = PfnInfoBlock.decode(block);
        } catch (NamespaceException e) {
            throw new IllegalStateException(e); // the signature matched
        }
        if (!b.parentUuid().equals(parentUuid)) {
            return absent(kind.text() + " belongs to namespace " + b.parentUuid() + ", not to " + parentUuid);
        }
        b = asLinuxReads(b, platform);
        if (b.mode() != PfnInfoBlock.MODE_RAM && b.mode() != PfnInfoBlock.MODE_PMEM) {
            return new Verdict(Outcome.UNKNOWN_MODE, null, 0,
                    kind.text() + " mode " + b.mode() + " is neither 1 (map=mem) nor 2 (map=dev)");
        }
        long offset = b.dataoff();
        long align = b.align() != 0 ? b.align() : highestBit(offset);
        boolean pmem = b.mode() == PfnInfoBlock.MODE_PMEM;
        if (pmem && b.pageSize() > platform.pageSize()) {
            return refused("init failed, page size mismatch " + b.pageSize() + " (this kernel's pages are "
                    + platform.pageSize() + ")");
        }
        if (pmem && b.pageStructSize() < platform.structPageSize()) {
            return refused("init failed, struct page size mismatch " + b.pageStructSize() + " (this kernel needs "
                    + platform.structPageSize() + ")");
        }
        if (kind == PfnInfoBlock.Kind.DAX && !platform.supportsAlignment(align)) {
            long configured = expected != null ? expected.align() : platform.defaultAlignment();
            return refused("init failed, alignment mismatch: " + configured + ":" + align + " (supported: "
                    + platform.supportedAlignments() + ")");
        }
        if (expected != null) {
            if (!expected.uuid().equals(b.uuid())) {
                return absent(kind.text() + " uuid " + b.uuid() + " is not the instance's " + expected.uuid());
            }
            if (expected.align() != align || expected.mode() != b.mode()) {
                return refused("init failed, settings mismatch: align " + expected.align() + ":" + align + " mode "
                        + expected.mode() + ":" + b.mode());
            }
        }
        if (Long.compareUnsigned(align, size) > 0) {
            return refused("alignment: 0x" + Long.toHexString(align) + " exceeds capacity 0x" + Long.toHexString(size));
        }
        if (Long.compareUnsigned(offset, size) >= 0) {
            return refused("pfn array size exceeds capacity: dataoff 0x" + Long.toHexString(offset)
                    + " of a 0x" + Long.toHexString(size) + "-byte namespace");
        }
        if ((align != 0 && !PfnPlatform.isAligned(start + offset + b.startPad(), align))
                || !PfnPlatform.isAligned(offset, platform.pageSize())) {
            return refused("bad offset: 0x" + Long.toHexString(offset) + " dax disabled align: 0x" + Long.toHexString(align));
        }
        if (!PfnPlatform.isAligned(start + b.startPad(), platform.compatAlign())) {
            return refused("resource start misaligned: 0x" + Long.toHexString(start + b.startPad()) + " is not a multiple of 0x"
                    + Long.toHexString(platform.compatAlign()));
        }
        if (!PfnPlatform.isAligned(start + size - b.endTrunc(), platform.compatAlign())) {
            return refused("resource end misaligned: 0x" + Long.toHexString(start + size - b.endTrunc())
                    + " is not a multiple of 0x" + Long.toHexString(platform.compatAlign()));
        }
        return new Verdict(Outcome.VALID, b, align, null);
    }

    /** Fields older minor versions lack, as {@code nd_pfn_validate} resets them. */
    private static PfnInfoBlock asLinuxReads(PfnInfoBlock b, PfnPlatform platform) {
        long startPad = b.versionMinor() < 1 ? 0 : b.startPad();
        long endTrunc = b.versionMinor() < 1 ? 0 : b.endTrunc();
        long align = b.versionMinor() < 2 ? 0 : b.align();
        int structSize = b.versionMinor() < 4 ? 64 : b.pageStructSize();
        long pageSize = b.versionMinor() < 4 ? platform.pageSize() : b.pageSize();
        return new PfnInfoBlock(b.kind(), b.uuid(), b.parentUuid(), b.flags(), b.versionMajor(), b.versionMinor(),
                b.dataoff(), b.npfns(), b.mode(), startPad, endTrunc, align, pageSize, structSize);
    }

    /**
     * {@code 1UL << ilog2(offset)}; for 0 the x86-64 result of shifting by -1 (the count is masked
     * to 63), an alignment no namespace satisfies.
     */
    private static long highestBit(long offset) {
        return offset == 0 ? 1L << 63 : Long.highestOneBit(offset);
    }

    private static Verdict absent(String reason) {
        return new Verdict(Outcome.ABSENT, null, 0, reason);
    }

    private static Verdict refused(String reason) {
        return new Verdict(Outcome.REFUSED, null, 0, reason);
    }
}
