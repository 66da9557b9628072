package dev.ocxlpmem.scm;

/**
 * Where a command queue's buffers lie in global MMIO (ACMA at 0x100, NSCMA at 0x120): word 0 holds
 * the request offset (63:32) and the response offset (31:0), word 1 the data buffer offset (63:32)
 * and its size (31:0). The series' {@code extract_command_metadata}.
 */
public record QueueDescriptor(long requestOffset, long responseOffset, long dataOffset, long dataSize) {

    public QueueDescriptor {
        u32("request offset", requestOffset);
        u32("response offset", responseOffset);
        u32("data buffer offset", dataOffset);
        u32("data buffer size", dataSize);
    }

    private static void u32(String field, long value) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("queue descriptor " + field + " " + value + " does not fit 32 bits");
        }
    }

    public static QueueDescriptor decode(long word0, long word1) {
        return new QueueDescriptor(word0 >>> 32, word0 & 0xFFFF_FFFFL, word1 >>> 32, word1 & 0xFFFF_FFFFL);
    }

    public long word0() {
        return requestOffset << 32 | responseOffset;
    }

    public long word1() {
        return dataOffset << 32 | dataSize;
    }

    /**
     * Refuses a descriptor whose buffers are misaligned, overlap the registers or each other, or run
     * past a global MMIO area of {@code mmioSize} bytes; the message names the queue and the buffer.
     */
    public void check(String queue, long mmioSize) {
        buffer(queue, "request", requestOffset, Request.BYTES, mmioSize);
        buffer(queue, "response", responseOffset, Request.BYTES, mmioSize);
        buffer(queue, "data", dataOffset, dataSize, mmioSize);
        if (dataSize % 8 != 0) {
            throw new IllegalArgumentException(queue + " queue: data buffer size " + dataSize + " is not a multiple of 8");
        }
        overlap(queue, "request", requestOffset, Request.BYTES, "response", responseOffset, Request.BYTES);
        overlap(queue, "request", requestOffset, Request.BYTES, "data", dataOffset, dataSize);
        overlap(queue, "response", responseOffset, Request.BYTES, "data", dataOffset, dataSize);
    }

    private static void buffer(String queue, String what, long offset, long size, long mmioSize) {
        if (offset % 8 != 0) {
            throw new IllegalArgumentException(String.format("%s queue: %s buffer at 0x%x is not 8-byte aligned",
                    queue, what, offset));
        }
        if (offset < Registers.END) {
            throw new IllegalArgumentException(String.format("%s queue: %s buffer at 0x%x overlaps the registers "
                    + "(0x0..0x%x)", queue, what, offset, Registers.END));
        }
        if (offset + size > mmioSize) {
            throw new IllegalArgumentException(String.format("%s queue: %s buffer 0x%x+0x%x runs past the "
                    + "0x%x-byte global MMIO area", queue, what, offset, size, mmioSize));
        }
    }

    private static void overlap(String queue, String a, long aOffset, long aSize, String b, long bOffset, long bSize) {
        if (aSize > 0 && bSize > 0 && aOffset < bOffset + bSize && bOffset < aOffset + aSize) {
            throw new IllegalArgumentException(String.format("%s queue: %s buffer 0x%x+0x%x overlaps %s buffer 0x%x+0x%x",
                    queue, a, aOffset, aSize, b, bOffset, bSize));
        }
    }
}
