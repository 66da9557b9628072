package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Error log entries as {@link OcxlCommand#ERROR_LOG} returns them: a u32 count, 4 reserved bytes,
 * then each entry in its data buffer form ({@link ErrorLogEntry#toDataBuffer()}), whose header
 * gives its length.
 */
public record ErrorLog(List<ErrorLogEntry> entries) {

    public ErrorLog {
        entries = List.copyOf(entries);
    }

    public byte[] toPackage() {
        List<byte[]> encoded = entries.stream().map(ErrorLogEntry::toDataBuffer).toList();
        ByteBuffer b = Le.allocate(8 + encoded.stream().mapToInt(e -> e.length).sum());
        b.putInt(entries.size()).putInt(0);
        encoded.forEach(b::put);
        return b.array();
    }

    public static ErrorLog fromPackage(byte[] data) {
        Le.atLeast(data, 8, "error log package");
        ByteBuffer b = Le.wrap(data);
        long count = Integer.toUnsignedLong(b.getInt(0));
        List<ErrorLogEntry> entries = new ArrayList<>();
        int at = 8;
        for (long i = 0; i < count; i++) {
            if (data.length - at < 8) {
                throw new MalformedPayloadException("error log package announces " + count + " entries but ends after "
                        + i);
            }
            long length = PayloadHeader.decode(b.getLong(at)).length();
            if (length == 0 || 8 + length > data.length - at) {
                throw new MalformedPayloadException("error log package: entry " + i + " at byte " + at
                        + " announces " + length + " bytes, " + (data.length - at - 8) + " remain");
            }
            byte[] entry = Arrays.copyOfRange(data, at, at + 8 + (int) length);
            entries.add(ErrorLogEntry.fromDataBuffer(entry).orElseThrow());
            at += entry.length;
        }
        if (at != data.length) {
            throw new MalformedPayloadException("error log package has " + (data.length - at)
                    + " bytes after its " + count + " entries");
        }
        return new ErrorLog(entries);
    }
}
