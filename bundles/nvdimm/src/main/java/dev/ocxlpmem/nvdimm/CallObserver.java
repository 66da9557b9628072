package dev.ocxlpmem.nvdimm;

import java.util.Locale;

/**
 * Told of every {@link Bus#call} as it ends: the command, how it ended and how long it took, for
 * metrics. In OSGi the nvdimm core picks up every service of this type (the whiteboard pattern);
 * outside OSGi, {@link NvdimmCore#addCallObserver}. It runs on the caller's thread right after the
 * command, so it must be quick, must not allocate where it can help it and must not call a bus;
 * what it throws is dropped, never the caller's problem.
 */
public interface CallObserver {

    /** How a call ended. */
    enum Outcome {
        /** The provider answered. */
        OK,
        /** Refused before anything changed ({@link CommandRefusedException}), by the bus or the provider. */
        REFUSED,
        /** The provider failed it, or the bus was gone ({@link CommandException}). */
        FAILED;

        private final String label = name().toLowerCase(Locale.ROOT);

        /** {@code ok}, {@code refused}, {@code failed}. */
        public String label() {
            return label;
        }
    }

    /**
     * @param bus the bus called
     * @param dimm the DIMM as the caller named it
     * @param command what was asked
     * @param nanos from the call to its end, as {@link System#nanoTime} counts
     */
    void called(Bus bus, Dimm dimm, DimmCommand<?> command, Outcome outcome, long nanos);
}
