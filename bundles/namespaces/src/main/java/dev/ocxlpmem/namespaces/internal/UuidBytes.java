package dev.ocxlpmem.namespaces.internal;

import java.util.UUID;

/**
 * Linux's {@code uuid_t} as stored in info blocks: the 16 bytes in the order the string reads
 * ({@code 16953000-0cb3-...} is stored {@code 16 95 30 00 0c b3 ...}).
 */
final class UuidBytes {
    static final UUID NIL = new UUID(0, 0);

    private UuidBytes() {
    }

    static UUID read(byte[] buf, int offset) {
        return new UUID(bigEndian(buf, offset), bigEndian(buf, offset + 8));
    }

    static void write(UUID uuid, byte[] buf, int offset) {
        putBigEndian(uuid.getMostSignificantBits(), buf, offset);
        putBigEndian(uuid.getLeastSignificantBits(), buf, offset + 8);
    }

    private static long bigEndian(byte[] buf, int offset) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (buf[offset + i] & 0xffL);
        }
        return v;
    }

    private static void putBigEndian(long v, byte[] buf, int offset) {
        for (int i = 7; i >= 0; i--) {
            buf[offset + i] = (byte) v;
            v >>>= 8;
        }
    }
}
