package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;

/**
 * The CONTROLLER_STATS answer, 0x140 bytes after the 'CS' header, in two parameter blocks (the
 * series' "Add an IOCTL to report controller statistics", v4, which names the offsets):
 *
 * <pre>
 * +0x08 block 1: parameter id 1 (63:56), length 0x38 (31:0)
 * +0x10   reset count (63:32), seconds since the last reset (31:0)
 * +0x18   seconds since power-on (63:32), life remaining in percent (7:0)
 * +0x48 block 2: parameter id 2 (63:56), length 0xF8 (31:0)
 * +0x50   critical resource utilisation in percent (7:0)
 * +0x58   host load count      +0x60 host store count
 * +0x68   host load duration   +0x70 host store duration (ns, total)
 * +0x98   media read count     +0xA0 media write count
 * +0xA8   media read duration  +0xB0 media write duration (ns, total)
 * +0xD8   cache read hits      +0xE0 cache write hits     +0xE8 fast writes
 * </pre>
 *
 * Unsigned 64-bit counts are held in {@code long}s (a count past 2^63 reads negative).
 */
public record ControllerStats(
        long resetCount,
        long resetUptimeSeconds,
        long powerOnUptimeSeconds,
        int lifeRemainingPercent,
        int criticalResourceUtilizationPercent,
        long hostLoadCount,
        long hostStoreCount,
        long hostLoadDurationNanos,
        long hostStoreDurationNanos,
        long mediaReadCount,
        long mediaWriteCount,
        long mediaReadDurationNanos,
        long mediaWriteDurationNanos,
        long cacheReadHitCount,
        long cacheWriteHitCount,
        long fastWriteCount) {

    /** Bytes after the header, as the series checked. */
    public static final int LENGTH = 0x140;
    private static final int BLOCK1 = 0x08;
    private static final int BLOCK1_LENGTH = 0x38;
    private static final int BLOCK2 = 0x48;
    private static final int BLOCK2_LENGTH = 0xF8;

    public ControllerStats {
        Le.u32(resetCount, "reset count");
        Le.u32(resetUptimeSeconds, "reset uptime");
        Le.u32(powerOnUptimeSeconds, "power-on uptime");
        Le.percent(lifeRemainingPercent, "life remaining");
        Le.percent(criticalResourceUtilizationPercent, "critical resource utilisation");
    }

    /** The data buffer bytes (header included); the same bytes are the {@code ND_CMD_CALL} package. */
    public byte[] toDataBuffer() {
        ByteBuffer b = Le.allocate(8 + LENGTH);
        b.putLong(0, new PayloadHeader(PayloadHeader.CONTROLLER_STATS, LENGTH).encode());
        b.putLong(BLOCK1, 1L << 56 | BLOCK1_LENGTH);
        b.putLong(BLOCK1 + 0x08, resetCount << 32 | resetUptimeSeconds);
        b.putLong(BLOCK1 + 0x10, powerOnUptimeSeconds << 32 | lifeRemainingPercent);
        b.putLong(BLOCK2, 2L << 56 | BLOCK2_LENGTH);
        b.putLong(BLOCK2 + 0x08, criticalResourceUtilizationPercent);
        b.putLong(BLOCK2 + 0x10, hostLoadCount);
        b.putLong(BLOCK2 + 0x18, hostStoreCount);
        b.putLong(BLOCK2 + 0x20, hostLoadDurationNanos);
        b.putLong(BLOCK2 + 0x28, hostStoreDurationNanos);
        b.putLong(BLOCK2 + 0x50, mediaReadCount);
        b.putLong(BLOCK2 + 0x58, mediaWriteCount);
        b.putLong(BLOCK2 + 0x60, mediaReadDurationNanos);
        b.putLong(BLOCK2 + 0x68, mediaWriteDurationNanos);
        b.putLong(BLOCK2 + 0x90, cacheReadHitCount);
        b.putLong(BLOCK2 + 0x98, cacheWriteHitCount);
        b.putLong(BLOCK2 + 0xA0, fastWriteCount);
        return b.array();
    }

    public static ControllerStats fromDataBuffer(byte[] data) {
        PayloadHeader header = PayloadHeader.read(data, PayloadHeader.CONTROLLER_STATS, "controller stats");
        if (header.length() != LENGTH) {
            throw new MalformedPayloadException(String.format("controller stats of 0x%x bytes; expected 0x%x",
                    header.length(), LENGTH));
        }
        ByteBuffer b = Le.wrap(data);
        block(b.getLong(BLOCK1), 1, BLOCK1_LENGTH);
        block(b.getLong(BLOCK2), 2, BLOCK2_LENGTH);
        long reset = b.getLong(BLOCK1 + 0x08);
        long uptime = b.getLong(BLOCK1 + 0x10);
        return new ControllerStats(reset >>> 32, reset & 0xFFFF_FFFFL, uptime >>> 32, (int) (uptime & 0xFF),
                (int) (b.getLong(BLOCK2 + 0x08) & 0xFF),
                b.getLong(BLOCK2 + 0x10), b.getLong(BLOCK2 + 0x18), b.getLong(BLOCK2 + 0x20), b.getLong(BLOCK2 + 0x28),
                b.getLong(BLOCK2 + 0x50), b.getLong(BLOCK2 + 0x58), b.getLong(BLOCK2 + 0x60), b.getLong(BLOCK2 + 0x68),
                b.getLong(BLOCK2 + 0x90), b.getLong(BLOCK2 + 0x98), b.getLong(BLOCK2 + 0xA0));
    }

    private static void block(long word, int id, int length) {
        if (word >>> 56 != id || (word & 0xFFFF_FFFFL) != length) {
            throw new MalformedPayloadException(String.format("controller stats parameter block %d: header 0x%016x, "
                    + "expected id %d and length 0x%x", id, word, id, length));
        }
    }
}
