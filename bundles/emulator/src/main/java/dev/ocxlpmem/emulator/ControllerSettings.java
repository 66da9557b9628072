package dev.ocxlpmem.emulator;

import java.time.Duration;

/**
 * How an emulated card's controller behaves: its timings, what CCAP0 tells the host to wait, the
 * firmware of a new card, and the faults it starts with. {@link #of(ControllerConfig)} reads a
 * card's configuration.
 *
 * @param readinessDelay from a controller reset to CHI.CRDY ({@link CardFaults#NEVER}: never)
 * @param memoryAvailableDelay from a controller reset to CHI.MA
 * @param readinessTimeoutSeconds CCAP0's readiness timeout (0..15)
 * @param memoryAvailableTimeoutSeconds CCAP0's memory-available timeout (0..4095)
 * @param firmwareVersion FWVER of a card that has not been updated
 * @param responseDelay added to every response
 * @param injection whether the controller takes INJECT_SMART and INJECT_ERROR (and CMD_CAPS says
 *     so); without, it is a card that does not offer ndctl's inject-smart and inject-error
 */
public record ControllerSettings(
        Duration readinessDelay,
        Duration memoryAvailableDelay,
        int readinessTimeoutSeconds,
        int memoryAvailableTimeoutSeconds,
        String firmwareVersion,
        Duration responseDelay,
        boolean injection) {

    public static final ControllerSettings DEFAULTS =
            new ControllerSettings(Duration.ZERO, Duration.ZERO, 10, 60, "1.0.0", Duration.ZERO, true);

    public ControllerSettings {
        nonNegative("readiness delay", readinessDelay);
        nonNegative("memory-available delay", memoryAvailableDelay);
        nonNegative("response delay", responseDelay);
        if (readinessTimeoutSeconds < 0 || readinessTimeoutSeconds > 15) {
            throw new IllegalArgumentException("readiness timeout " + readinessTimeoutSeconds
                    + " s does not fit CCAP0's 4-bit field (0..15)");
        }
        if (memoryAvailableTimeoutSeconds < 0 || memoryAvailableTimeoutSeconds > 4095) {
            throw new IllegalArgumentException("memory-available timeout " + memoryAvailableTimeoutSeconds
                    + " s does not fit CCAP0's 12-bit field (0..4095)");
        }
        new dev.ocxlpmem.scm.FirmwareVersion(firmwareVersion);
    }

    private static void nonNegative(String what, Duration d) {
        if (d.isNegative()) {
            throw new IllegalArgumentException(what + " " + d + " is negative");
        }
    }

    public static ControllerSettings of(ControllerConfig config) {
        return new ControllerSettings(millis(config.readinessDelayMillis()),
                millis(config.memoryAvailableDelayMillis()), config.readinessTimeoutSeconds(),
                config.memoryAvailableTimeoutSeconds(), config.firmwareVersion(), millis(config.responseDelayMillis()),
                true);
    }

    private static Duration millis(long millis) {
        return millis < 0 ? CardFaults.NEVER : Duration.ofMillis(millis);
    }

    public ControllerSettings withReadiness(Duration delay, int timeoutSeconds) {
        return new ControllerSettings(delay, memoryAvailableDelay, timeoutSeconds, memoryAvailableTimeoutSeconds,
                firmwareVersion, responseDelay, injection);
    }

    public ControllerSettings withMemoryAvailable(Duration delay, int timeoutSeconds) {
        return new ControllerSettings(readinessDelay, delay, readinessTimeoutSeconds, timeoutSeconds,
                firmwareVersion, responseDelay, injection);
    }

    public ControllerSettings withResponseDelay(Duration delay) {
        return new ControllerSettings(readinessDelay, memoryAvailableDelay, readinessTimeoutSeconds,
                memoryAvailableTimeoutSeconds, firmwareVersion, delay, injection);
    }

    /** The same controller, without the SMART and media error injection ndctl asks for. */
    public ControllerSettings withoutInjection() {
        return new ControllerSettings(readinessDelay, memoryAvailableDelay, readinessTimeoutSeconds,
                memoryAvailableTimeoutSeconds, firmwareVersion, responseDelay, false);
    }
}
