package dev.ocxlpmem.nvdimm;

/**
 * A run of bad 512-byte blocks of a region: reads over them fail with a media error, as Linux's
 * {@code badblocks} of a region hold them ({@code include/linux/badblocks.h}; ndctl 76 prints them
 * with {@code list --media-errors} as {@code badblocks: [{offset, length, dimms}]}, offset and length
 * in these blocks).
 *
 * @param sector the first bad block, counted in 512-byte blocks from the region's first byte
 * @param count how many consecutive blocks are bad
 */
public record BadBlock(long sector, long count) {
    /** Linux's badblocks unit: a 512-byte sector, whatever the device's own granularity. */
    public static final int SECTOR_SIZE = 512;

    public BadBlock {
        if (sector < 0 || count <= 0 || sector > Long.MAX_VALUE / SECTOR_SIZE - count) {
            throw new IllegalArgumentException("not a bad block run: sector " + sector + ", count " + count);
        }
    }

    /** The first bad byte's offset from the region's start. */
    public long offset() {
        return sector * SECTOR_SIZE;
    }

    /** The run's length in bytes. */
    public long length() {
        return count * SECTOR_SIZE;
    }

    /** Whether any of {@code [offset, offset + length)} (bytes from the region's start) is bad. */
    public boolean overlaps(long offset, long length) {
        return offset < offset() + length() && offset() < offset + length;
    }
}
