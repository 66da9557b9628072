package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32;

/**
 * A firmware image for the emulated card. The series sent the file as it came and left checking
 * it to the controller; this project defines the file, so that the controller can refuse a bad
 * one (status 0x52) and knows the version FWVER shows once it is active. Little-endian:
 *
 * <pre>
 * 0x00  8 bytes "OCXLSCMF"
 * 0x08  u16 format (1), u16 header size (0x40), u32 reserved (0)
 * 0x10  firmware version, 8 ASCII bytes as FWVER holds them
 * 0x18  u64 payload length (a multiple of 8)
 * 0x20  u32 CRC-32 of the payload, u32 CRC-32 of bytes 0x00..0x23
 * 0x28  reserved (0) to 0x40, then the payload
 * </pre>
 */
public record FirmwareImage(FirmwareVersion version, byte[] payload) {
    public static final byte[] MAGIC = "OCXLSCMF".getBytes(StandardCharsets.US_ASCII);
    public static final int FORMAT = 1;
    public static final int HEADER = 0x40;
    /** The largest image the emulated controller stages. */
    public static final int MAX_SIZE = 16 << 20;

    public FirmwareImage {
        if (payload.length % 8 != 0) {
            throw new IllegalArgumentException("firmware payload of " + payload.length
                    + " bytes is not a multiple of 8");
        }
        if (payload.length > MAX_SIZE - HEADER) {
            throw new IllegalArgumentException("firmware payload of " + payload.length + " bytes; an image is at most "
                    + MAX_SIZE + " bytes");
        }
        payload = payload.clone();
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    public byte[] toBytes() {
        ByteBuffer b = Le.allocate(HEADER + payload.length);
        b.put(MAGIC).putShort((short) FORMAT).putShort((short) HEADER).putInt(0);
        b.putLong(version.encode()).putLong(payload.length);
        b.putInt((int) crc(payload, 0, payload.length));
        b.putInt(0x24, (int) crc(b.array(), 0, 0x24));
        b.position(HEADER);
        b.put(payload);
        return b.array();
    }

    /** Checks every header field and both checksums; the message names the first that is wrong. */
    public static FirmwareImage parse(byte[] image) {
        if (image.length < HEADER) {
            throw new MalformedPayloadException("firmware image of " + image.length + " bytes is shorter than its "
                    + HEADER + "-byte header");
        }
        if (image.length > MAX_SIZE) {
            throw new MalformedPayloadException("firmware image of " + image.length + " bytes; the largest is "
                    + MAX_SIZE);
        }
        if (!Arrays.equals(image, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            throw new MalformedPayloadException("not a firmware image: it does not start with \"OCXLSCMF\"");
        }
        ByteBuffer b = Le.wrap(image);
        int format = Short.toUnsignedInt(b.getShort(0x08));
        if (format != FORMAT) {
            throw new MalformedPayloadException("firmware image format " + format + " is not supported (only "
                    + FORMAT + ")");
        }
        int header = Short.toUnsignedInt(b.getShort(0x0A));
        if (header != HEADER) {
            throw new MalformedPayloadException("firmware image header size " + header + "; expected " + HEADER);
        }
        long headerCrc = Integer.toUnsignedLong(b.getInt(0x24));
        if (headerCrc != crc(image, 0, 0x24)) {
            throw new MalformedPayloadException(String.format("firmware image header checksum 0x%08x does not match "
                    + "its contents (0x%08x): the header is damaged", headerCrc, crc(image, 0, 0x24)));
        }
        long length = b.getLong(0x18);
        if (length != image.length - HEADER) {
            throw new MalformedPayloadException("firmware image header announces a " + length
                    + "-byte payload, the file holds " + (image.length - HEADER) + " bytes after the header");
        }
        long payloadCrc = Integer.toUnsignedLong(b.getInt(0x20));
        if (payloadCrc != crc(image, HEADER, image.length - HEADER)) {
            throw new MalformedPayloadException(String.format("firmware image payload checksum 0x%08x does not match "
                    + "the payload (0x%08x): the image is damaged or truncated", payloadCrc,
                    crc(image, HEADER, image.length - HEADER)));
        }
        FirmwareVersion version;
        try {
            version = FirmwareVersion.decode(b.getLong(0x10));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException("firmware image version: " + e.getMessage());
        }
        return new FirmwareImage(version, Arrays.copyOfRange(image, HEADER, image.length));
    }

    private static long crc(byte[] data, int offset, int length) {
        CRC32 crc = new CRC32();
        crc.update(data, offset, length);
        return crc.getValue();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirmwareImage f && f.version.equals(version) && Arrays.equals(f.payload, payload);
    }

    @Override
    public int hashCode() {
        return version.hashCode() * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "firmware image " + version + " (" + payload.length + "-byte payload)";
    }
}
