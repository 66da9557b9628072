package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The input of {@link OcxlCommand#FIRMWARE_UPDATE_SEND}: one block of the image, u32 offset, u32
 * length, then the bytes. Blocks are at most {@link FirmwareBlock#MAX_SIZE} and a multiple of 8,
 * and come in order.
 */
public record FirmwareUpdateSend(long offset, byte[] data) {

    public FirmwareUpdateSend {
        new FirmwareBlock(offset, data.length);
        if (data.length == 0) {
            throw new IllegalArgumentException("a firmware block holds at least 8 bytes");
        }
        data = data.clone();
    }

    @Override
    public byte[] data() {
        return data.clone();
    }

    public byte[] toPackage() {
        return Le.allocate(8 + data.length).putInt((int) offset).putInt(data.length).put(data).array();
    }

    public static FirmwareUpdateSend fromPackage(byte[] data) {
        Le.atLeast(data, 8, "firmware update send package");
        ByteBuffer b = Le.wrap(data);
        long offset = Integer.toUnsignedLong(b.getInt(0));
        long length = Integer.toUnsignedLong(b.getInt(4));
        if (length != data.length - 8) {
            throw new MalformedPayloadException("firmware update send package announces " + length + " bytes and holds "
                    + (data.length - 8));
        }
        try {
            return new FirmwareUpdateSend(offset, Arrays.copyOfRange(data, 8, data.length));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(e.getMessage());
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FirmwareUpdateSend s && s.offset == offset && Arrays.equals(s.data, data);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "firmware block of " + data.length + " bytes at " + offset;
    }
}
