package dev.ocxlpmem.driver.internal;

import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.OverwriteState;

/**
 * What the controller's interrupts tell the driver. Called on the context's interrupt thread, one
 * event at a time; a listener should hand the event on (EventAdmin) rather than block.
 */
interface ControllerListener {

    /** An entry the controller logged (CHI.ELA), read from the card and kept by the driver. */
    default void errorLogged(ErrorLogEntry entry) {
    }

    /** A controller dump the host asked for is ready (CHI.CDA). */
    default void controllerDumpAvailable() {
    }

    /** The controller entered a fatal state: {@code state} is CFFS (firmware) or CHFS (hardware). */
    default void fatal(ChiBit state, long chi) {
    }

    /** The health ndctl would show changed (state, an alarm, the shutdown state or count). */
    default void healthChanged(Health before, Health after) {
    }

    /** An overwrite ended, well or not. */
    default void overwriteEnded(OverwriteState state) {
    }

    /**
     * The DIMM goes into overwrite (an overwrite starts, or the card reports one that did not
     * complete) or leaves it (one succeeded, or the start was refused). Going into it may be refused.
     */
    default void inOverwrite(boolean inOverwrite) throws ControllerCommandException {
    }
}
