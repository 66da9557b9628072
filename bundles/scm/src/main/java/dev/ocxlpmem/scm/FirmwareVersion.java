package dev.ocxlpmem.scm;

/**
 * A firmware version as FWVER (offset 0x148) holds it: up to 8 printable ASCII characters, the
 * first in the lowest byte of the little-endian word (the series' {@code fw_version} decoding),
 * padded with NULs.
 */
public record FirmwareVersion(String text) {

    public FirmwareVersion {
        if (text == null || text.isEmpty() || text.length() > 8) {
            throw new IllegalArgumentException("firmware version '" + text + "' must be 1 to 8 characters");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException("firmware version '" + text + "' has a character that is not "
                        + "printable ASCII (without spaces) at index " + i);
            }
        }
    }

    /** Trailing NULs and spaces are padding; anything else that is not printable ASCII is refused. */
    public static FirmwareVersion decode(long word) {
        byte[] bytes = new byte[8];
        int length = 0;
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (word >>> (8 * i));
            if (bytes[i] != 0 && bytes[i] != ' ') {
                length = i + 1;
            }
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            int c = bytes[i] & 0xFF;
            if (c < 0x21 || c > 0x7E) {
                throw new IllegalArgumentException(String.format("FWVER 0x%016x is not a firmware version: byte %d is "
                        + "0x%02x, not printable ASCII", word, i, c));
            }
            s.append((char) c);
        }
        if (length == 0) {
            throw new IllegalArgumentException(String.format("FWVER 0x%016x holds no firmware version", word));
        }
        return new FirmwareVersion(s.toString());
    }

    public long encode() {
        long word = 0;
        for (int i = 0; i < text.length(); i++) {
            word |= (long) text.charAt(i) << (8 * i);
        }
        return word;
    }

    @Override
    public String toString() {
        return text;
    }
}
