package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The media errors injected into a card, as ranges of LPC memory: the answer to an
 * {@link Opcode#INJECT_ERROR} list ('IE' header, then u64 offset and u64 length each) and the
 * output of {@link OcxlCommand#INJECT_ERROR_STATUS} (u32 count, u32 0, then the same pairs).
 * This project's format.
 */
public record InjectedErrors(List<Range> ranges) {
    /** A range of LPC memory in bytes. */
    public record Range(long offset, long length) {
    }

    public InjectedErrors {
        ranges = List.copyOf(ranges);
    }

    public byte[] toDataBuffer() {
        ByteBuffer b = Le.allocate(8 + 16 * ranges.size())
                .putLong(new PayloadHeader(PayloadHeader.INJECTED_ERRORS, 16L * ranges.size()).encode());
        ranges.forEach(r -> b.putLong(r.offset()).putLong(r.length()));
        return b.array();
    }

    public static InjectedErrors fromDataBuffer(byte[] data) {
        PayloadHeader header = PayloadHeader.read(data, PayloadHeader.INJECTED_ERRORS, "injected errors");
        return new InjectedErrors(pairs(data, 8, header.length() / 16));
    }

    public byte[] toPackage() {
        ByteBuffer b = Le.allocate(8 + 16 * ranges.size()).putInt(ranges.size()).putInt(0);
        ranges.forEach(r -> b.putLong(r.offset()).putLong(r.length()));
        return b.array();
    }

    public static InjectedErrors fromPackage(byte[] data) {
        Le.atLeast(data, 8, "injected errors package");
        long count = Integer.toUnsignedLong(Le.wrap(data).getInt(0));
        Le.exactly(data, (int) Math.min(Integer.MAX_VALUE, 8 + 16 * count), "injected errors package");
        return new InjectedErrors(pairs(data, 8, count));
    }

    private static List<Range> pairs(byte[] data, int at, long count) {
        Le.atLeast(data, at + 16 * count, "injected errors");
        ByteBuffer b = Le.wrap(data);
        List<Range> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            list.add(new Range(b.getLong(at + 16 * i), b.getLong(at + 16 * i + 8)));
        }
        return list;
    }
}
