package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * One entry of the controller's error log, as ERRLOG leaves it in the data buffer (the series'
 * "Implement the Read Error Log command" patch):
 *
 * <pre>
 * +0x00 header 'EL', length of what follows (0: the log is empty)
 * +0x08 log identifier (63:32), program reference code (31:0)
 * +0x10 type (63:56), action flags (55:32, general entries only), power-on seconds (31:0)
 * +0x18 timestamp (here: milliseconds since the controller's power-on)
 * +0x20 WWID, high word; +0x28 WWID, low word
 * +0x30 firmware revision, 8 ASCII bytes as FWVER holds them
 * +0x38 additional data, to the end (a multiple of 8 bytes)
 * </pre>
 */
public record ErrorLogEntry(
        long logId,
        long programReferenceCode,
        ErrorLogType type,
        Set<ErrorLogAction> actions,
        long powerOnSeconds,
        long timestamp,
        long wwidHigh,
        long wwidLow,
        String firmwareRevision,
        byte[] additionalData) {

    /** Bytes from the log identifier to the end of the firmware revision. */
    static final int FIXED = 0x30;

    public ErrorLogEntry {
        Le.u32(logId, "error log identifier");
        Le.u32(programReferenceCode, "program reference code");
        Le.u32(powerOnSeconds, "power-on seconds");
        actions = Set.copyOf(actions);
        if (type != ErrorLogType.GENERAL && !actions.isEmpty()) {
            throw new IllegalArgumentException("only general error log entries carry actions, not " + type.text()
                    + " ones");
        }
        if (!firmwareRevision.isEmpty()) {
            new FirmwareVersion(firmwareRevision);
        }
        if (additionalData.length % 8 != 0) {
            throw new IllegalArgumentException("additional data of " + additionalData.length
                    + " bytes is not a multiple of 8");
        }
        additionalData = additionalData.clone();
    }

    /** Additional data holding a UTF-8 text, NUL padded to a multiple of 8 bytes. */
    public static byte[] text(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        return Arrays.copyOf(utf8, (utf8.length + 7) / 8 * 8);
    }

    @Override
    public byte[] additionalData() {
        return additionalData.clone();
    }

    /**
     * The additional data read as UTF-8 text without its NUL padding; for an entry that names a
     * {@link #mediaError()}, the text after the range.
     */
    public String additionalText() {
        int start = mediaError().isPresent() ? MediaError.PREFIX : 0;
        int end = additionalData.length;
        while (end > start && additionalData[end - 1] == 0) {
            end--;
        }
        return new String(additionalData, start, end - start, StandardCharsets.UTF_8);
    }

    /** The unreadable media a data-loss entry names, if it names any. */
    public Optional<MediaError> mediaError() {
        return MediaError.in(type, additionalData);
    }

    /** The NAA WWID as 32 hex digits, as the series printed it. */
    public String wwid() {
        return String.format("%016x%016x", wwidHigh, wwidLow);
    }

    /** The data buffer bytes, header included. */
    public byte[] toDataBuffer() {
        ByteBuffer b = Le.allocate(8 + FIXED + additionalData.length);
        b.putLong(new PayloadHeader(PayloadHeader.ERROR_LOG, FIXED + additionalData.length).encode());
        b.putLong(logId << 32 | programReferenceCode);
        b.putLong((long) type.code() << 56 | (long) ErrorLogAction.encode(actions) << 32 | powerOnSeconds);
        b.putLong(timestamp);
        b.putLong(wwidHigh);
        b.putLong(wwidLow);
        b.putLong(firmwareRevision.isEmpty() ? 0 : new FirmwareVersion(firmwareRevision).encode());
        b.put(additionalData);
        return b.array();
    }

    /**
     * Decodes an ERRLOG answer: empty when the header's length is 0 (no entry). {@code data} may be
     * longer than the entry; the rest is ignored.
     */
    public static Optional<ErrorLogEntry> fromDataBuffer(byte[] data) {
        PayloadHeader header = PayloadHeader.read(data, PayloadHeader.ERROR_LOG, "error log data");
        if (header.length() == 0) {
            return Optional.empty();
        }
        if (header.length() < FIXED || header.length() % 8 != 0) {
            throw new MalformedPayloadException("error log entry of " + header.length()
                    + " bytes: it needs at least " + FIXED + " and a multiple of 8");
        }
        ByteBuffer b = Le.wrap(data);
        long ids = b.getLong(0x08);
        long word = b.getLong(0x10);
        ErrorLogType type = ErrorLogType.of((int) (word >>> 56));
        int actions = type == ErrorLogType.GENERAL ? (int) ((word >>> 32) & 0xFF_FFFF) : 0;
        long revision = b.getLong(0x30);
        byte[] additional = Arrays.copyOfRange(data, 8 + FIXED, (int) (8 + header.length()));
        return Optional.of(new ErrorLogEntry(ids >>> 32, ids & 0xFFFF_FFFFL, type, ErrorLogAction.decode(actions),
                word & 0xFFFF_FFFFL, b.getLong(0x18), b.getLong(0x20), b.getLong(0x28),
                revision == 0 ? "" : FirmwareVersion.decode(revision).text(), additional));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ErrorLogEntry e && Arrays.equals(toDataBuffer(), e.toDataBuffer());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(toDataBuffer());
    }

    @Override
    public String toString() {
        return String.format("error log 0x%x: %s, PRC 0x%x, actions %s, %d s after power-on, WWID %s, firmware %s: %s%s",
                logId, type.text(), programReferenceCode, actions, powerOnSeconds, wwid(), firmwareRevision,
                mediaError().map(m -> m + ": ").orElse(""), additionalText());
    }
}
