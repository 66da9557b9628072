package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Little-endian views of payload bytes, the checks every decoder makes, and register values for messages. */
final class Le {
    private Le() {
    }

    static ByteBuffer allocate(int bytes) {
        return ByteBuffer.allocate(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    static ByteBuffer wrap(byte[] bytes) {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Refuses {@code data} shorter than {@code needed} bytes. */
    static void atLeast(byte[] data, long needed, String what) {
        if (data.length < needed) {
            throw new MalformedPayloadException(what + " is " + data.length + " bytes; it needs at least " + needed);
        }
    }

    static void exactly(byte[] data, int expected, String what) {
        if (data.length != expected) {
            throw new MalformedPayloadException(what + " is " + data.length + " bytes, not " + expected);
        }
    }

    static long u32(long value, String field) {
        if (value < 0 || value > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException(field + " " + value + " does not fit 32 bits");
        }
        return value;
    }

    static int u8(int value, String field) {
        if (value < 0 || value > 0xFF) {
            throw new IllegalArgumentException(field + " " + value + " does not fit 8 bits");
        }
        return value;
    }

    static int percent(int value, String field) {
        if (value < 0 || value > 100) {
            throw new IllegalArgumentException(field + " " + value + "% is outside 0..100");
        }
        return value;
    }

    /** {@code CHI=0x50 [CRDY MA]}. */
    static String describe(String register, long value, java.util.Set<? extends Enum<?>> bits) {
        StringBuilder s = new StringBuilder(String.format("%s=0x%x [", register, value));
        String sep = "";
        for (Enum<?> b : bits) {
            s.append(sep).append(b.name());
            sep = " ";
        }
        return s.append(']').toString();
    }
}
