package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;

/**
 * Where an overwrite (near-storage SECURE_ERASE) stands, for ndctl's {@code sanitize-dimm
 * --overwrite} and its progress. As the {@link OcxlCommand#OVERWRITE_STATUS} package, 40 bytes:
 * u32 state, u32 percent done, then the four counts of {@link SecureEraseResult}.
 */
public record OverwriteState(State state, int percentDone, SecureEraseResult result) {
    public static final int BYTES = 40;

    /** The states of the series' {@code enum overwrite_state}. */
    public enum State {
        IDLE,
        BUSY,
        SUCCEEDED,
        FAILED
    }

    public static final OverwriteState IDLE = new OverwriteState(State.IDLE, 0, SecureEraseResult.NONE);

    public OverwriteState {
        Le.percent(percentDone, "overwrite progress");
    }

    public byte[] toPackage() {
        ByteBuffer b = Le.allocate(BYTES);
        b.putInt(state.ordinal()).putInt(percentDone);
        b.putLong(result.accessibleSucceeded()).putLong(result.accessibleAttempted())
                .putLong(result.defectiveSucceeded()).putLong(result.defectiveAttempted());
        return b.array();
    }

    public static OverwriteState fromPackage(byte[] data) {
        Le.exactly(data, BYTES, "overwrite state package");
        ByteBuffer b = Le.wrap(data);
        int state = b.getInt(0);
        if (state < 0 || state >= State.values().length) {
            throw new MalformedPayloadException("overwrite state package: state " + state + " is not 0..3");
        }
        try {
            return new OverwriteState(State.values()[state], b.getInt(4),
                    new SecureEraseResult(b.getLong(8), b.getLong(16), b.getLong(24), b.getLong(32)));
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException("overwrite state package: " + e.getMessage());
        }
    }
}
