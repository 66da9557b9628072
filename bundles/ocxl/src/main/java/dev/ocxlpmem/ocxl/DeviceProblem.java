package dev.ocxlpmem.ocxl;

import java.util.Objects;

/**
 * Why a device at a PCI location is not (or no longer) usable, as whoever found it says: a backend
 * that could not present a configured card, or a driver whose probe failed. Registered as an OSGi
 * service (with the {@link #LOCATION} property) for as long as the problem lasts, so that
 * {@code ocxl:list} and JMX show it beside the working devices, not only the log.
 *
 * @param location the PCI location, {@code domain:bus:device} or {@code domain:bus:device.function}
 * @param source who found it, e.g. {@code emulator}, {@code ocxlpmem driver}
 * @param step the step that failed, e.g. {@code claim image}, {@code map LPC memory}
 * @param reason what went wrong, in one line
 * @param advice what the operator can do about it
 */
public record DeviceProblem(String location, String source, String step, String reason, String advice) {

    /** Service property: the PCI location (String). */
    public static final String LOCATION = "ocxl.location";

    public DeviceProblem {
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(advice, "advice");
    }
}
