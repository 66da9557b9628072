package dev.ocxlpmem.btt.internal;

/**
 * A BTT map entry ({@code drivers/nvdimm/btt.h}): 32 bits, little-endian; bits 0-29 the internal
 * block (post-map LBA), bit 30 the error flag (E), bit 31 the zero flag (Z). Both clear is the
 * initial state: the block is the external LBA itself. Both set is a normal entry; E alone marks a
 * sector lost to a media error; Z alone a trimmed sector that reads as zeros.
 */
final class BttMapEntry {
    static final int SIZE = 4;
    static final int ERROR = 1 << 30;
    static final int ZERO = 1 << 31;
    static final int NORMAL = ERROR | ZERO;
    static final int BLOCK_MASK = ~NORMAL;

    private BttMapEntry() {
    }

    /** The internal block an entry for external block {@code lba} names. */
    static int block(int entry, int lba) {
        return (entry & NORMAL) == 0 ? lba : entry & BLOCK_MASK;
    }

    /** Only E is set: the sector's data was lost. */
    static boolean isError(int entry) {
        return (entry & NORMAL) == ERROR;
    }

    /** Only Z is set: the sector reads as zeros. */
    static boolean isZero(int entry) {
        return (entry & NORMAL) == ZERO;
    }

    /** A normal entry naming {@code block}. */
    static int normal(int block) {
        return (block & BLOCK_MASK) | NORMAL;
    }

    /** An entry naming {@code block} with the error flag, as Linux writes it after a failed read. */
    static int error(int block) {
        return (block & BLOCK_MASK) | ERROR;
    }
}
