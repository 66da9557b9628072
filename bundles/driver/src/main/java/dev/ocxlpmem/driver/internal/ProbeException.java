package dev.ocxlpmem.driver.internal;

/** A probe step failed; everything done before it has been undone. */
final class ProbeException extends Exception {
    private static final long serialVersionUID = 1L;

    ProbeException(String location, String step, Throwable cause) {
        super("ocxlpmem " + location + ": probe failed at '" + step + "': " + cause.getMessage()
                + "; nothing was registered", cause);
    }
}
