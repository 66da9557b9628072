package dev.ocxlpmem.memory.internal;

import java.lang.reflect.Field;
import java.nio.ByteOrder;

/**
 * Loads, stores and copies at native addresses of mapped memory, through {@code sun.misc.Unsafe}
 * (module {@code jdk.unsupported}; Karaf's system bundle exports {@code sun.misc}).
 *
 * <p>Why this and not JNA {@code Pointer} or {@code ByteBuffer} views: HotSpot survives a SIGBUS
 * only under an Unsafe access (compiled code marked as making them, or the interpreter's Unsafe
 * natives); under JNA's native code it dies. {@code ByteBuffer} views reach memory through the
 * same Unsafe calls, but cost a view per 2 GiB and their own bounds and state checks on top of
 * ours. A faulting access here is skipped (a load yields garbage) and the fault is left pending
 * on the thread: {@link Faults#check()} turns it into an {@link InternalError} at once.
 *
 * <p>Values are little-endian, as the {@code Mapping} API promises; the native order is
 * reversed where it is big-endian. Unaligned accesses are allowed: the 64-bit Linux
 * architectures HotSpot supports do them in hardware on normal memory.
 */
final class RawMemory {

    private static final sun.misc.Unsafe U;
    private static final long BYTE_ARRAY_BASE;
    private static final boolean LITTLE_ENDIAN = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;

    static {
        try {
            Field field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
            field.setAccessible(true);
            U = (sun.misc.Unsafe) field.get(null);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
        BYTE_ARRAY_BASE = U.arrayBaseOffset(byte[].class);
    }

    private RawMemory() {
    }

    static byte getByte(long address) {
        return U.getByte(address);
    }

    static void putByte(long address, byte value) {
        U.putByte(address, value);
    }

    static short getShort(long address) {
        short value = U.getShort(address);
        return LITTLE_ENDIAN ? value : Short.reverseBytes(value);
    }

    static void putShort(long address, short value) {
        U.putShort(address, LITTLE_ENDIAN ? value : Short.reverseBytes(value));
    }

    static int getInt(long address) {
        int value = U.getInt(address);
        return LITTLE_ENDIAN ? value : Integer.reverseBytes(value);
    }

    static void putInt(long address, int value) {
        U.putInt(address, LITTLE_ENDIAN ? value : Integer.reverseBytes(value));
    }

    static long getLong(long address) {
        long value = U.getLong(address);
        return LITTLE_ENDIAN ? value : Long.reverseBytes(value);
    }

    static void putLong(long address, long value) {
        U.putLong(address, LITTLE_ENDIAN ? value : Long.reverseBytes(value));
    }

    /** A single value of {@code width} bytes, zero-extended. */
    static long get(long address, int width) {
        return switch (width) {
            case 1 -> getByte(address) & 0xffL;
            case 2 -> getShort(address) & 0xffffL;
            case 4 -> getInt(address) & 0xffff_ffffL;
            default -> getLong(address);
        };
    }

    static void put(long address, int width, long value) {
        switch (width) {
            case 1 -> putByte(address, (byte) value);
            case 2 -> putShort(address, (short) value);
            case 4 -> putInt(address, (int) value);
            default -> putLong(address, value);
        }
    }

    static void copyToArray(long address, byte[] dst, int dstOffset, int length) {
        U.copyMemory(null, address, dst, BYTE_ARRAY_BASE + dstOffset, length);
    }

    static void copyFromArray(byte[] src, int srcOffset, long address, int length) {
        U.copyMemory(src, BYTE_ARRAY_BASE + srcOffset, null, address, length);
    }

    // No fill: HotSpot 17's Unsafe.setMemory runs without its unsafe-access guard, so a fault
    // under it is a crash (unsafe.cpp, Unsafe_SetMemory0); fill copies a pattern instead.

    static void copy(long from, long to, long length) {
        U.copyMemory(null, from, null, to, length);
    }

    // ---- for Faults: the thread's pending-fault word ----------------------------------------

    /** Offset of {@code java.lang.Thread.eetop}, the address of HotSpot's {@code JavaThread}. */
    static long threadAddressOffset() throws NoSuchFieldException {
        return U.objectFieldOffset(Thread.class.getDeclaredField("eetop"));
    }

    static long threadAddress(Thread thread, long eetopOffset) {
        return U.getLong(thread, eetopOffset);
    }

    /** A volatile load: the JIT neither hoists it nor moves it above the accesses before it. */
    static int getIntVolatile(long address) {
        return U.getIntVolatile(null, address);
    }
}
