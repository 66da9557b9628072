package dev.ocxlpmem.emulator.internal;

import java.util.Arrays;

import dev.ocxlpmem.scm.FirmwareBlock;
import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.MalformedPayloadException;
import dev.ocxlpmem.scm.Status;

/**
 * The controller's firmware staging area: FW_UPDATE blocks in order (a block at offset 0 starts a
 * new image), then the end block, at which the image is checked. Holds only the controller's
 * lock's worth of state; not thread safe on its own.
 */
final class FirmwareStaging {
    private byte[] image = new byte[0];
    private long received;
    /** Why the last end block was refused, for the controller dump. */
    private String lastRefusal = "";

    long received() {
        return received;
    }

    String lastRefusal() {
        return lastRefusal;
    }

    /** Takes a block; the status says whether the controller accepts it. */
    Status write(FirmwareBlock block, byte[] data) {
        if (block.offset() == 0) {
            received = 0;
        }
        if (block.offset() != received) {
            lastRefusal = "block at " + block.offset() + " while " + received + " bytes were received";
            return Status.BAD_REQUEST_PARAMETER;
        }
        if (received + block.size() > FirmwareImage.MAX_SIZE) {
            lastRefusal = "block past the " + FirmwareImage.MAX_SIZE + "-byte staging area";
            return Status.BAD_REQUEST_PARAMETER;
        }
        if (image.length < received + block.size()) {
            image = Arrays.copyOf(image, (int) Math.min(FirmwareImage.MAX_SIZE,
                    Math.max(received + block.size(), 2L * image.length)));
        }
        System.arraycopy(data, 0, image, (int) received, (int) block.size());
        received += block.size();
        return Status.SUCCESS;
    }

    /** The end block: the image as checked, or null with {@link #lastRefusal()} saying why. */
    FirmwareImage end(FirmwareBlock block) {
        if (block.offset() != received || received == 0) {
            lastRefusal = "end of image at " + block.offset() + " while " + received + " bytes were received";
            return null;
        }
        byte[] staged = Arrays.copyOf(image, (int) received);
        received = 0;
        try {
            lastRefusal = "";
            return FirmwareImage.parse(staged);
        } catch (MalformedPayloadException e) {
            lastRefusal = e.getMessage();
            return null;
        }
    }
}
