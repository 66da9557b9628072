package dev.ocxlpmem.labels.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.UUID;

/** Little-endian field access and the two identifier byte orders of the label format. */
final class Bytes {
    private static final VarHandle U16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle U64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle BE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {
    }

    static int u8(byte[] b, int off) {
        return b[off] & 0xFF;
    }

    static int u16(byte[] b, int off) {
        return (short) U16.get(b, off) & 0xFFFF;
    }

    static int i32(byte[] b, int off) {
        return (int) U32.get(b, off);
    }

    static long u32(byte[] b, int off) {
        return Integer.toUnsignedLong((int) U32.get(b, off));
    }

    static long u64(byte[] b, int off) {
        return (long) U64.get(b, off);
    }

    static void put16(byte[] b, int off, int v) {
        U16.set(b, off, (short) v);
    }

    static void put32(byte[] b, int off, int v) {
        U32.set(b, off, v);
    }

    static void put64(byte[] b, int off, long v) {
        U64.set(b, off, v);
    }

    /** A namespace uuid: stored in the order its string reads (Linux {@code uuid_t}). */
    static UUID uuid(byte[] b, int off) {
        return new UUID((long) BE64.get(b, off), (long) BE64.get(b, off + 8));
    }

    static void putUuid(byte[] b, int off, UUID u) {
        BE64.set(b, off, u.getMostSignificantBits());
        BE64.set(b, off + 8, u.getLeastSignificantBits());
    }

    /** An EFI GUID: first three fields little-endian, the last eight bytes as they read (UEFI 2.7 Appendix A). */
    static UUID guid(byte[] b, int off) {
        long msb = (u32(b, off) << 32) | ((long) u16(b, off + 4) << 16) | u16(b, off + 6);
        return new UUID(msb, (long) BE64.get(b, off + 8));
    }

    static void putGuid(byte[] b, int off, UUID g) {
        long msb = g.getMostSignificantBits();
        put32(b, off, (int) (msb >>> 32));
        put16(b, off + 4, (int) (msb >>> 16));
        put16(b, off + 6, (int) msb);
        BE64.set(b, off + 8, g.getLeastSignificantBits());
    }

    static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }
}
