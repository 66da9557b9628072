package dev.ocxlpmem.scm;

/**
 * The controller status register (CSTS, offset 0x140). The series read no field of it, so this
 * project defines two: bits 7:0 the background operation running ({@link Operation}) and bits
 * 15:8 its progress in percent, so that a host can show the progress of an overwrite.
 */
public record ControllerStatus(Operation operation, int percentDone) {

    /** A background operation of the controller. */
    public enum Operation {
        NONE(0),
        SECURE_ERASE(1),
        RESET(2);

        private final int code;

        Operation(int code) {
            this.code = code;
        }

        public int code() {
            return code;
        }
    }

    public ControllerStatus {
        if (percentDone < 0 || percentDone > 100) {
            throw new IllegalArgumentException("CSTS progress " + percentDone + "% is outside 0..100");
        }
    }

    public static final ControllerStatus IDLE = new ControllerStatus(Operation.NONE, 0);

    public static ControllerStatus decode(long word) {
        int code = (int) (word & 0xFF);
        for (Operation op : Operation.values()) {
            if (op.code == code) {
                return new ControllerStatus(op, (int) ((word >>> 8) & 0xFF));
            }
        }
        throw new IllegalArgumentException(String.format("CSTS 0x%x names background operation %d, which is not "
                + "defined", word, code));
    }

    public long encode() {
        return operation.code | (long) percentDone << 8;
    }
}
