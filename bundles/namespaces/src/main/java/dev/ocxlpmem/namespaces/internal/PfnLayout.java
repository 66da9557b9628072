package dev.ocxlpmem.namespaces.internal;

import dev.ocxlpmem.namespaces.NamespaceException;

/**
 * Where an fsdax or devdax namespace's data starts and how much of it there is, computed as
 * Linux's {@code nd_pfn_init} ({@code drivers/nvdimm/pfn_devs.c}) computes it when it writes a new
 * info block:
 *
 * <pre>
 * a         = max(align, memremap_compat_align)           (2 MiB on x86-64)
 * end_trunc = start + size - ALIGN_DOWN(start + size, a)
 * map=dev:  dataoff = ALIGN(start + 8K + 64 * ((size - 8K) / PAGE_SIZE), a) - start
 * map=mem:  dataoff = ALIGN(start + 8K, a) - start
 * npfns     = (size - dataoff - end_trunc) / PAGE_SIZE
 * </pre>
 *
 * where {@code start} is the namespace's physical address. The data Linux then offers
 * ({@code ndctl list}'s {@code size}) is {@code size - start_pad - end_trunc - dataoff}.
 *
 * @param dataoff from the namespace's start to its first byte of data
 * @param npfns data pages
 * @param startPad always 0: Linux no longer pads a misaligned start, it refuses it
 * @param endTrunc bytes cut from the end
 * @param align the alignment recorded in the block (the requested one, not the effective one)
 * @param mode {@link PfnInfoBlock#MODE_PMEM} or {@link PfnInfoBlock#MODE_RAM}
 * @param dataSize bytes of data
 */
record PfnLayout(long dataoff, long npfns, long startPad, long endTrunc, long align, int mode, long dataSize) {

    /**
     * @param start the namespace's physical address (region base plus its offset in the region)
     * @param size the namespace's size (its label's rawsize)
     * @param mode {@link PfnInfoBlock#MODE_PMEM} ({@code map=dev}) or {@link PfnInfoBlock#MODE_RAM}
     * @param align the requested mapping alignment ({@code -a}), one the platform supports
     * @throws NamespaceException as Linux refuses: a start not aligned to the platform's minimum,
     *     an alignment the metadata leaves no room for, an unknown mode
     */
    static PfnLayout compute(long start, long size, int mode, long align, PfnPlatform platform)
            throws NamespaceException {
        long page = platform.pageSize();
        long compat = platform.compatAlign();
        if (!platform.supportsAlignment(align)) {
            throw new NamespaceException("alignment " + align + " is not one Linux supports here "
                    + platform.supportedAlignments());
        }
        if (size < platform.infoBlockReserve() + page || size % page != 0) {
            throw new NamespaceException("a namespace of " + size + " bytes cannot hold an info block and data");
        }
        long a = Math.max(align, compat);
        if (!PfnPlatform.isAligned(start, compat)) {
            throw new NamespaceException("namespace start 0x" + Long.toHexString(start) + " is misaligned to 0x"
                    + Long.toHexString(compat) + ": Linux creates no info block there");
        }
        long endTrunc = start + size - PfnPlatform.alignDown(start + size, a);
        long reserve = platform.infoBlockReserve();
        long dataoff;
        if (mode == PfnInfoBlock.MODE_PMEM) {
            long pageMap = (long) platform.maxStructPageSize() * ((size - reserve) / page);
            dataoff = PfnPlatform.alignUp(start + reserve + pageMap, a) - start;
        } else if (mode == PfnInfoBlock.MODE_RAM) {
            dataoff = PfnPlatform.alignUp(start + reserve, a) - start;
        } else {
            throw new NamespaceException("info block mode " + mode + " is neither 1 (map=mem) nor 2 (map=dev)");
        }
        if (dataoff >= size) {
            throw new NamespaceException("unable to satisfy requested alignment: a " + size + "-byte namespace at 0x"
                    + Long.toHexString(start) + " aligned to " + a + " needs " + dataoff
                    + " bytes of metadata; choose a larger size or a smaller -a");
        }
        // a start that is not aligned to a can leave end_trunc >= size - dataoff: no data at all
        long dataSize = size - endTrunc - dataoff;
        if (dataSize < page) {
            throw new NamespaceException("unable to satisfy requested alignment: a " + size + "-byte namespace at 0x"
                    + Long.toHexString(start) + " aligned to " + a + " keeps no data after " + dataoff
                    + " bytes of metadata and " + endTrunc + " cut from its end");
        }
        return new PfnLayout(dataoff, dataSize / page, 0, endTrunc, align, mode, dataSize);
    }
}
