package dev.ocxlpmem.driver.internal;

import dev.ocxlpmem.scm.Opcode;

/**
 * A controller command that did not succeed: its response did not come in time, came with a bad
 * status or another command's id, or the controller could not take it. The message names the
 * card, the command and the register state; the controller stays usable unless it says otherwise.
 */
final class ControllerCommandException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Why the command failed. */
    enum Reason {
        /** No response within the opcode's timeout. */
        TIMEOUT,
        /** The response's status was not success ({@link #status()}). */
        STATUS,
        /** The response carried another command's id. */
        WRONG_ID,
        /** CHI.CRDY is clear: the controller takes no commands. */
        NOT_READY,
        /** CHI.CFFS or CHI.CHFS is set. */
        FATAL,
        /** The answer's data did not hold what the command returns. */
        MALFORMED,
        /** The caller's input was refused before anything reached the card. */
        INPUT,
        /** Global MMIO failed: the card went away. */
        GONE
    }

    private final Reason reason;
    private final int opcode;
    private final int status;

    ControllerCommandException(Reason reason, int opcode, int status, String message, Throwable cause) {
        super(message, cause);
        this.reason = reason;
        this.opcode = opcode;
        this.status = status;
    }

    ControllerCommandException(Reason reason, int opcode, String message) {
        this(reason, opcode, -1, message, null);
    }

    Reason reason() {
        return reason;
    }

    /** The opcode of the command, or -1 when the failure is not one command's. */
    int opcode() {
        return opcode;
    }

    /** The response status for {@link Reason#STATUS}, -1 otherwise. */
    int status() {
        return status;
    }

    static String describe(int opcode) {
        return opcode < 0 ? "controller" : Opcode.describe(opcode);
    }
}
