package dev.ocxlpmem.emulator;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The controller's part of an emulated card's configuration: the same factory configuration as
 * {@link EmulatedCardConfig}, read through this second type (kept apart so that code implementing
 * {@link EmulatedCardConfig} need not change).
 */
@ObjectClassDefinition(
        name = "Emulated OpenCAPI SCM card: controller",
        description = "Timings, capabilities and start-up faults of an emulated card's SCM controller")
public @interface ControllerConfig {

    @AttributeDefinition(name = "Readiness delay (ms)",
            description = "From a controller reset to CHI.CRDY; -1: never (fault: not ready)")
    long readinessDelayMillis() default 0;

    @AttributeDefinition(name = "Memory-available delay (ms)",
            description = "From a controller reset to CHI.MA; -1: never (fault: memory never available)")
    long memoryAvailableDelayMillis() default 0;

    @AttributeDefinition(name = "Readiness timeout (s)", description = "CCAP0: how long the host waits for CRDY, 0..15")
    int readinessTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Memory-available timeout (s)",
            description = "CCAP0: how long the host waits for MA, 0..4095")
    int memoryAvailableTimeoutSeconds() default 60;

    @AttributeDefinition(name = "Firmware version",
            description = "FWVER of a card never updated (up to 8 printable ASCII characters)")
    String firmwareVersion() default "1.0.0";

    @AttributeDefinition(name = "Response delay (ms)", description = "Added to every command response (fault: slow)")
    long responseDelayMillis() default 0;
}
