package dev.ocxlpmem.scm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;

class FirmwareImageTest {

    static byte[] payload(int length) {
        byte[] p = new byte[length];
        for (int i = 0; i < length; i++) {
            p[i] = (byte) (i * 7 + 3);
        }
        return p;
    }

    @Test
    void anImageIsItsHeaderThenItsPayload() {
        byte[] image = new FirmwareImage(new FirmwareVersion("v2.1.0"), payload(4096)).toBytes();
        assertEquals(0x40 + 4096, image.length);
        assertArrayEquals("OCXLSCMF".getBytes(), Arrays.copyOf(image, 8));
        assertEquals(1, image[8]);
        assertEquals(0x40, image[10]);
        assertEquals('v', image[0x10]);
        assertEquals(0x10, image[0x19], "payload length 4096, little-endian");
        CRC32 crc = new CRC32();
        crc.update(image, 0x40, 4096);
        assertEquals(crc.getValue(), Integer.toUnsignedLong(java.nio.ByteBuffer.wrap(image, 0x20, 4)
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()));
        FirmwareImage parsed = FirmwareImage.parse(image);
        assertEquals("v2.1.0", parsed.version().text());
        assertArrayEquals(payload(4096), parsed.payload());
    }

    @Test
    void everyDamageIsNamed() {
        byte[] good = new FirmwareImage(new FirmwareVersion("v2.1.0"), payload(256)).toBytes();
        assertRefused(Arrays.copyOf(good, 32), "shorter than its 64-byte header");
        byte[] magic = good.clone();
        magic[0] = 'X';
        assertRefused(magic, "does not start with \"OCXLSCMF\"");
        byte[] header = good.clone();
        header[0x12] ^= 1;
        assertRefused(header, "header checksum");
        byte[] body = good.clone();
        body[0x40 + 100] ^= 1;
        assertRefused(body, "payload checksum");
        assertRefused(Arrays.copyOf(good, good.length - 8), "announces a 256-byte payload, the file holds 248");
        assertThrows(IllegalArgumentException.class, () -> new FirmwareImage(new FirmwareVersion("x"), new byte[12]));
    }

    private static void assertRefused(byte[] image, String expected) {
        String message = assertThrows(MalformedPayloadException.class, () -> FirmwareImage.parse(image)).getMessage();
        assertTrue(message.contains(expected), message);
    }
}
