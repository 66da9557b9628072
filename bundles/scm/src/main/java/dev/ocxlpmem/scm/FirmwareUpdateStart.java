package dev.ocxlpmem.scm;

/**
 * The input of {@link OcxlCommand#FIRMWARE_UPDATE_START}: the size of the image about to be sent,
 * a u64. A start discards any image half sent.
 */
public record FirmwareUpdateStart(long imageSize) {
    public static final int BYTES = 8;

    public FirmwareUpdateStart {
        if (imageSize < FirmwareImage.HEADER || imageSize > FirmwareImage.MAX_SIZE || imageSize % 8 != 0) {
            throw new IllegalArgumentException("firmware image of " + imageSize + " bytes: an image is a multiple of 8 "
                    + "bytes, " + FirmwareImage.HEADER + " to " + FirmwareImage.MAX_SIZE);
        }
    }

    public byte[] toPackage() {
        return Le.allocate(BYTES).putLong(imageSize).array();
    }

    public static FirmwareUpdateStart fromPackage(byte[] data) {
        Le.exactly(data, BYTES, "firmware update start package");
        try {
            return new FirmwareUpdateStart(Le.wrap(data).getLong(0));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(e.getMessage());
        }
    }
}
