package dev.ocxlpmem.namespaces.internal;

import java.util.List;

/**
 * The host facts Linux's PFN arithmetic depends on ({@code drivers/nvdimm/pfn_devs.c},
 * {@code mm/memremap.c}, {@code include/linux/mmzone.h}). Namespaces here are made for Linux on
 * x86-64, the kernel the project checks against, so {@link #X86_64} is what the code uses.
 *
 * @param pageSize {@code PAGE_SIZE}
 * @param structPageSize {@code sizeof(struct page)} of a production kernel
 * @param maxStructPageSize {@code MAX_STRUCT_PAGE_SIZE} ({@code nd.h}): page metadata reserved per page
 * @param compatAlign {@code memremap_compat_align()}: {@code SUBSECTION_SIZE}, 2 MiB on x86-64
 * @param supportedAlignments {@code nd_pfn_supported_alignments()}: the page, PMD and PUD sizes
 *     when transparent huge pages are on (Debian's kernel: 4 KiB, 2 MiB, 1 GiB)
 * @param defaultAlignment {@code nd_pfn_default_alignment()}: the PMD size
 */
record PfnPlatform(
        long pageSize,
        int structPageSize,
        int maxStructPageSize,
        long compatAlign,
        List<Long> supportedAlignments,
        long defaultAlignment) {

    static final long KIB = 1024;
    static final long MIB = 1024 * KIB;
    static final long GIB = 1024 * MIB;

    static final PfnPlatform X86_64 = new PfnPlatform(4 * KIB, 64, 64, 2 * MIB, List.of(4 * KIB, 2 * MIB, GIB), 2 * MIB);

    PfnPlatform {
        supportedAlignments = List.copyOf(supportedAlignments);
    }

    /** {@code nd_info_block_reserve()}: the 8 KiB before any data, page aligned. */
    long infoBlockReserve() {
        return alignUp(8 * KIB, pageSize);
    }

    boolean supportsAlignment(long align) {
        return align != 0 && supportedAlignments.contains(align);
    }

    /** {@code ALIGN(x, a)} for a power of two. */
    static long alignUp(long x, long a) {
        return (x + a - 1) & -a;
    }

    /** {@code ALIGN_DOWN(x, a)} for a power of two. */
    static long alignDown(long x, long a) {
        return x & -a;
    }

    /** {@code IS_ALIGNED(x, a)}: a mask test, as the kernel's macro is even for odd {@code a}. */
    static boolean isAligned(long x, long a) {
        return (x & (a - 1)) == 0;
    }
}
