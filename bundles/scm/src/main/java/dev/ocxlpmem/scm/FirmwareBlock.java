package dev.ocxlpmem.scm;

/**
 * Parameter word 1 of FW_UPDATE: the block's offset in the image (63:32) and its size (31:0); the
 * block itself is in the data buffer (the series' {@code scm_update_firmware}). Blocks are at most
 * 32 KiB and a multiple of 8 bytes. This project adds the end of the transfer: a block of size 0
 * at the offset just past the last one asks the controller to check the image and arm it; the
 * next controller reset (HCI.AFU_RESET, or a power-on) activates it.
 */
public record FirmwareBlock(long offset, long size) {
    public static final int MAX_SIZE = 32 * 1024;

    public FirmwareBlock {
        Le.u32(offset, "firmware block offset");
        if (size < 0 || size > MAX_SIZE || size % 8 != 0) {
            throw new IllegalArgumentException("firmware block of " + size
                    + " bytes: blocks are multiples of 8 bytes, at most " + MAX_SIZE);
        }
        if (offset % 8 != 0) {
            throw new IllegalArgumentException("firmware block offset " + offset + " is not a multiple of 8");
        }
    }

    /** The block that ends a transfer of {@code imageSize} bytes. */
    public static FirmwareBlock end(long imageSize) {
        return new FirmwareBlock(imageSize, 0);
    }

    public boolean isEnd() {
        return size == 0;
    }

    public long word() {
        return offset << 32 | size;
    }

    /** The device side: refuses a word no host may send, with a message naming the field. */
    public static FirmwareBlock decode(long word) {
        return new FirmwareBlock(word >>> 32, word & 0xFFFF_FFFFL);
    }
}
