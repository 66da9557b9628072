package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Media the controller cannot read: what a {@link ErrorLogType#DATA_LOSS} error log entry reports
 * when it names the range. The series left the additional data undefined; this project puts a
 * range there, so that the host can list it as the region's bad blocks (as Linux's ARS results
 * become badblocks). Additional data, little-endian: 8 bytes {@code "MEDIAERR"}, u64 offset in LPC
 * memory, u64 length, then a UTF-8 text padded with NULs to a multiple of 8.
 *
 * @param offset the first unreadable byte, from the start of LPC memory
 * @param length how many bytes from there
 */
public record MediaError(long offset, long length) {
    private static final byte[] MAGIC = "MEDIAERR".getBytes(StandardCharsets.US_ASCII);
    /** The magic and the range, before the text. */
    static final int PREFIX = 24;

    public MediaError {
        if (offset < 0 || length <= 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("not a media range: " + length + " bytes at " + offset);
        }
    }

    /** The additional data of an entry reporting this range, with {@code text} after it. */
    public byte[] toAdditionalData(String text) {
        byte[] words = Le.allocate(PREFIX).put(MAGIC).putLong(offset).putLong(length).array();
        byte[] tail = ErrorLogEntry.text(text);
        byte[] data = Arrays.copyOf(words, PREFIX + tail.length);
        System.arraycopy(tail, 0, data, PREFIX, tail.length);
        return data;
    }

    /** The range a data-loss entry's additional data names, if it names one. */
    static Optional<MediaError> in(ErrorLogType type, byte[] additionalData) {
        if (type != ErrorLogType.DATA_LOSS || additionalData.length < PREFIX
                || !Arrays.equals(additionalData, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        ByteBuffer b = Le.wrap(additionalData);
        try {
            return Optional.of(new MediaError(b.getLong(8), b.getLong(16)));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // not a range this record can hold: the entry is only text then
        }
    }

    @Override
    public String toString() {
        return String.format("LPC memory 0x%x+0x%x", offset, length);
    }
}
