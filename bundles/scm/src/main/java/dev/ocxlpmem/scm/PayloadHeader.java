package dev.ocxlpmem.scm;

/**
 * The header word every data buffer payload starts with: a two-character identifier in bits
 * 63:48 ('EL' error log, 'CS' controller stats, 'SM' SMART; the series' {@code *_header_parse})
 * and the number of bytes that follow in bits 31:0. The series read the error log's length from
 * bits 15:0 only; an error log fits the data buffer, so both readings agree.
 */
public record PayloadHeader(int id, long length) {
    public static final int ERROR_LOG = 0x454C;
    public static final int CONTROLLER_STATS = 0x4353;
    public static final int SMART = 0x534D;
    /** This project's: the CMD_CAPS answer ('CC'). */
    public static final int COMMAND_CAPS = 0x4343;
    /** This project's: a piece of the controller dump ('CD'). */
    public static final int CONTROLLER_DUMP = 0x4344;
    /** This project's: the media errors injected ('IE'). */
    public static final int INJECTED_ERRORS = 0x4945;

    public PayloadHeader {
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("payload identifier " + id + " does not fit 16 bits");
        }
        Le.u32(length, "payload length");
    }

    public static PayloadHeader decode(long word) {
        return new PayloadHeader((int) (word >>> 48), word & 0xFFFF_FFFFL);
    }

    public long encode() {
        return (long) id << 48 | length;
    }

    /** {@code 'EL' (0x454c)}. */
    public static String name(int id) {
        char a = (char) (id >>> 8);
        char b = (char) (id & 0xFF);
        return Character.isLetter(a) && Character.isLetter(b)
                ? String.format("'%c%c' (0x%04x)", a, b, id)
                : String.format("0x%04x", id);
    }

    /**
     * Reads the header at the start of {@code data} and checks its identifier and that the bytes it
     * announces are there.
     */
    static PayloadHeader read(byte[] data, int expectedId, String what) {
        Le.atLeast(data, 8, what);
        PayloadHeader header = decode(Le.wrap(data).getLong(0));
        if (header.id != expectedId) {
            throw new MalformedPayloadException(what + ": expected identifier " + name(expectedId) + ", found "
                    + name(header.id));
        }
        if (8 + header.length > data.length) {
            throw new MalformedPayloadException(what + ": the header announces " + header.length
                    + " bytes after it, but only " + (data.length - 8) + " are there");
        }
        return header;
    }
}
