package dev.ocxlpmem.scm;

import java.time.Duration;
import java.util.Optional;

/**
 * Command opcodes with the queue they go to, how long the host waits for the response, and how
 * many parameter words follow word 0 of the request (the series' {@code admin_command_request}
 * "valid bytes"). Timeouts are the series' ({@code ocxlpmem->timeouts}); FW_DEBUG and CMD_CAPS had
 * none there and get its default of 100 ms. SECURE_ERASE completes in the background; its bound
 * is this project's, as the series gave none.
 */
public enum Opcode {
    HEARTBEAT(0x00, Queue.ADMIN, 100, 0),
    SHUTDOWN(0x01, Queue.ADMIN, 1000, 0),
    /** Parameter word 1: {@link FirmwareBlock}. */
    FW_UPDATE(0x02, Queue.ADMIN, 16_000, 1),
    /** Parameter word 1: debug action (63:56) and function code (55:40); words 2 and 3: parameters. */
    FW_DEBUG(0x03, Queue.ADMIN, 100, 3),
    ERRLOG(0x04, Queue.ADMIN, 2000, 0),
    SMART(0x05, Queue.ADMIN, 100, 1),
    CONTROLLER_STATS(0x06, Queue.ADMIN, 100, 1),
    /** Parameter word 1: offset in the dump (63:32) and bytes to copy (31:0). */
    CONTROLLER_DUMP(0x07, Queue.ADMIN, 1000, 1),
    CMD_CAPS(0x08, Queue.ADMIN, 100, 0),
    /**
     * This project's: SMART values, alarm thresholds, a fatal state or an unsafe shutdown injected or
     * taken back, as ndctl's inject-smart asks of a card. Parameter words 1..3: {@link SmartInject}.
     */
    INJECT_SMART(0x09, Queue.ADMIN, 100, 3),
    /**
     * This project's: media errors injected, cleared or listed, as ndctl's inject-error asks of a
     * platform. Parameter words 1..3: {@link ErrorInject}; listing answers {@link InjectedErrors}.
     */
    INJECT_ERROR(0x0A, Queue.ADMIN, 100, 3),
    SECURE_ERASE(0x20, Queue.NEAR_STORAGE, 600_000, 0);

    /** The series' {@code DEFAULT_TIMEOUT}, for an opcode this enum does not know. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(100);

    private final int code;
    private final Queue queue;
    private final Duration timeout;
    private final int parameterWords;

    Opcode(int code, Queue queue, long timeoutMillis, int parameterWords) {
        this.code = code;
        this.queue = queue;
        this.timeout = Duration.ofMillis(timeoutMillis);
        this.parameterWords = parameterWords;
    }

    public int code() {
        return code;
    }

    public Queue queue() {
        return queue;
    }

    public Duration timeout() {
        return timeout;
    }

    public int parameterWords() {
        return parameterWords;
    }

    public static Optional<Opcode> of(int code) {
        for (Opcode op : values()) {
            if (op.code == code) {
                return Optional.of(op);
            }
        }
        return Optional.empty();
    }

    /** {@code HEARTBEAT (0x00)}, or {@code opcode 0x3f} for one this enum does not know. */
    public static String describe(int code) {
        return of(code).map(Opcode::toString).orElse(String.format("opcode 0x%02x", code));
    }

    @Override
    public String toString() {
        return String.format("%s (0x%02x)", name(), code);
    }
}
