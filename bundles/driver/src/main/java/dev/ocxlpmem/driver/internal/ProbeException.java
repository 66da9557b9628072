package dev.ocxlpmem.driver.internal;

import dev.ocxlpmem.ocxl.DeviceProblem;

/** A probe step failed; everything done before it has been undone. */
final class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String location;
    private final String step;

    ProbeException(String location, String step, Throwable cause) {
        super("ocxlpmem " + location + ": probe failed at '" + step + "': " + cause.getMessage()
                + "; nothing was registered", cause);
        this.location = location;
        this.step = step;
    }

    /** The failure as ocxl:list and JMX show it. */
    DeviceProblem problem() {
        String advice = step.equals("reserve label area")
                ? "the card's LPC memory is too small for the label area: give the card more LPC memory, or the "
                        + "driver (dev.ocxlpmem.driver, labelAreaSize) a smaller label area"
                : "see the reason; once the card is fixed, unplug and plug it again (config:update of its configuration)";
        return new DeviceProblem(location, "ocxlpmem driver", step, String.valueOf(getCause().getMessage()), advice);
    }
}
