package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;

/**
 * What {@link Opcode#INJECT_ERROR} carries, and the input of {@link OcxlCommand#INJECT_ERROR} and
 * {@link OcxlCommand#INJECT_ERROR_CLEAR}: a range of LPC memory ({@code offset}, {@code length}
 * in bytes) to poison, or to clear. As the ACPI ARS error injection ndctl's inject-error uses
 * ({@code ND_ARS_ERR_INJ_OPT_NOTIFY}), {@code report} has the card report the range as it would one
 * it found. Package (this project's): u64 offset, u64 length, u32 flags (bit 0 notify), u32 0.
 * Request: word 1 action (63:56: 0 inject, 1 clear, 2 list) and flags (7:0), word 2 offset,
 * word 3 length (both 0 to list).
 */
public record ErrorInject(Action action, long offset, long length, boolean report) {
    public static final int BYTES = 24;
    private static final int NOTIFY = 1;

    /** What the card is asked to do. */
    public enum Action {
        INJECT, CLEAR, LIST
    }

    public ErrorInject {
        if (action != Action.LIST && (offset < 0 || length <= 0 || offset > Long.MAX_VALUE - length)) {
            throw new IllegalArgumentException("media range " + offset + "+" + length
                    + " must have a non-negative offset and a positive length");
        }
    }

    public static ErrorInject list() {
        return new ErrorInject(Action.LIST, 0, 0, false);
    }

    public long[] words() {
        return new long[] {(long) action.ordinal() << 56 | (report ? NOTIFY : 0), offset, length};
    }

    /** @throws IllegalArgumentException for an action or range the card does not take */
    public static ErrorInject fromWords(long w1, long w2, long w3) {
        int action = (int) (w1 >>> 56);
        if (action >= Action.values().length) {
            throw new IllegalArgumentException("no error injection action " + action);
        }
        return new ErrorInject(Action.values()[action], w2, w3, (w1 & NOTIFY) != 0);
    }

    public byte[] toPackage() {
        return Le.allocate(BYTES).putLong(offset).putLong(length).putInt(report ? NOTIFY : 0).putInt(0).array();
    }

    /** The package of INJECT_ERROR ({@link Action#INJECT}) or INJECT_ERROR_CLEAR ({@link Action#CLEAR}). */
    public static ErrorInject fromPackage(Action action, byte[] data) {
        Le.exactly(data, BYTES, "error injection package");
        ByteBuffer b = Le.wrap(data);
        try {
            return new ErrorInject(action, b.getLong(0), b.getLong(8), (b.getInt(16) & NOTIFY) != 0);
        } catch (IllegalArgumentException e) {
            throw new MalformedPayloadException(e.getMessage());
        }
    }
}
