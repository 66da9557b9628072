package dev.ocxlpmem.driver.internal;

/** The controller did not come up: the message names the step that failed and the register state. */
final class ControllerStartException extends Exception {
    private static final long serialVersionUID = 1L;
    private final String step;

    ControllerStartException(String location, String step, String registers, String why, Throwable cause) {
        super("ocxlpmem " + location + ": controller start failed at '" + step + "': " + why + " (" + registers + ")",
                cause);
        this.step = step;
    }

    String step() {
        return step;
    }
}
