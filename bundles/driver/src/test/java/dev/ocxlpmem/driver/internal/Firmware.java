package dev.ocxlpmem.driver.internal;

import java.util.Arrays;

import dev.ocxlpmem.scm.FirmwareBlock;
import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.FirmwareVersion;

/** Firmware images for the tests, and sending one as the update tool does: start, then 32 KiB blocks. */
final class Firmware {
    private Firmware() {
    }

    static byte[] image(String version, int payload) {
        byte[] p = new byte[(payload + 7) / 8 * 8];
        for (int i = 0; i < p.length; i++) {
            p[i] = (byte) (i * 31 + 7);
        }
        return new FirmwareImage(new FirmwareVersion(version), p).toBytes();
    }

    static void send(ScmController c, byte[] image) throws ControllerCommandException {
        c.firmware().start(image.length);
        for (int at = 0; at < image.length; at += FirmwareBlock.MAX_SIZE) {
            c.firmware().send(at, Arrays.copyOfRange(image, at, Math.min(image.length, at + FirmwareBlock.MAX_SIZE)));
        }
    }
}
