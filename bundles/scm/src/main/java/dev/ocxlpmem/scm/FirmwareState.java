package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;

/**
 * Where a DIMM's firmware stands, for {@code ndctl list -DF} ({@code current_version},
 * {@code next_version}, {@code can_update}, {@code activate_state}) and for an update's progress.
 *
 * <p>As the {@link OcxlCommand#FIRMWARE_UPDATE_STATUS} package, 40 bytes: the current version
 * (8 ASCII bytes as FWVER), the next version (0 when none is armed), u32 state, u32 flags (bit 0
 * can update), u64 bytes received, u64 image size.
 *
 * @param nextVersion the armed image's version, empty when none is
 * @param bytesReceived bytes of the image being sent that the controller has accepted
 * @param imageSize the size announced at the start of the update, 0 when none is under way
 */
public record FirmwareState(String currentVersion, String nextVersion, UpdateState state, long bytesReceived,
        long imageSize, boolean canUpdate) {

    public static final int BYTES = 40;

    /** An update's state. */
    public enum UpdateState {
        /** No update under way. */
        IDLE("idle"),
        /** Blocks are being sent. */
        RECEIVING("idle"),
        /** The image is checked and will be active after the next controller reset. */
        ARMED("armed"),
        /** The controller is resetting into the new image. */
        ACTIVATING("busy");

        private final String activateState;

        UpdateState(String activateState) {
            this.activateState = activateState;
        }

        /** ndctl's {@code activate_state}. */
        public String activateState() {
            return activateState;
        }
    }

    public FirmwareState {
        new FirmwareVersion(currentVersion);
        if (!nextVersion.isEmpty()) {
            new FirmwareVersion(nextVersion);
        }
        if (bytesReceived < 0 || imageSize < 0 || bytesReceived > Math.max(imageSize, 0)) {
            throw new IllegalArgumentException("firmware transfer of " + bytesReceived + " of " + imageSize
                    + " bytes is not possible");
        }
    }

    public byte[] toPackage() {
        ByteBuffer b = Le.allocate(BYTES);
        b.putLong(new FirmwareVersion(currentVersion).encode());
        b.putLong(nextVersion.isEmpty() ? 0 : new FirmwareVersion(nextVersion).encode());
        b.putInt(state.ordinal()).putInt(canUpdate ? 1 : 0).putLong(bytesReceived).putLong(imageSize);
        return b.array();
    }

    public static FirmwareState fromPackage(byte[] data) {
        Le.exactly(data, BYTES, "firmware state package");
        ByteBuffer b = Le.wrap(data);
        int state = b.getInt(16);
        if (state < 0 || state >= UpdateState.values().length) {
            throw new MalformedPayloadException("firmware state package: state " + state + " is not 0..3");
        }
        try {
            long next = b.getLong(8);
            return new FirmwareState(FirmwareVersion.decode(b.getLong(0)).text(),
                    next == 0 ? "" : FirmwareVersion.decode(next).text(), UpdateState.values()[state],
                    b.getLong(24), b.getLong(32), (b.getInt(20) & 1) != 0);
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException("firmware state package: " + e.getMessage());
        }
    }
}
