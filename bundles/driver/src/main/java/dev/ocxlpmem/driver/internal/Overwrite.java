package dev.ocxlpmem.driver.internal;

import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.scm.ControllerStatus;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.OverwriteState;
import dev.ocxlpmem.scm.Registers;
import dev.ocxlpmem.scm.Response;
import dev.ocxlpmem.scm.SecureEraseResult;
import dev.ocxlpmem.scm.SmartAttribute;
import dev.ocxlpmem.scm.SmartData;

/**
 * The overwrite of all of one card's media (the near-storage SECURE_ERASE): started, followed
 * until its response comes, and one that a power loss cut off found at probe. The emulator's side
 * is {@code emulator.internal.SecureErase}.
 */
final class Overwrite {
    private static final Logger LOG = LoggerFactory.getLogger(Overwrite.class);

    private final ScmController controller;
    private final Object overwriteLock = new Object();
    private OverwriteState overwrite = OverwriteState.IDLE;
    private int overwriteId;
    private long overwriteDeadline;
    /** Whether the media may hold data an overwrite did not reach: from an overwrite's start until one succeeds. */
    private boolean mediaIncomplete;

    Overwrite(ScmController controller) {
        this.controller = controller;
    }

    /**
     * Starts an overwrite (near-storage SECURE_ERASE) of all the card's media. A refusal that comes
     * at once (memory unavailable, blocked) is thrown; otherwise the overwrite goes on in the
     * background and {@link #state} follows it.
     */
    void start() throws ControllerCommandException {
        int opcode = Opcode.SECURE_ERASE.code();
        controller.requireSupported(Opcode.SECURE_ERASE);
        Response early;
        boolean before;
        synchronized (overwriteLock) {
            if (overwrite.state() == OverwriteState.State.BUSY) {
                throw controller.input(opcode, "an overwrite is under way (" + overwrite.percentDone() + "% done)");
            }
            // in overwrite before the card starts: no region on the DIMM can be enabled from here on
            controller.listener().inOverwrite(true);
            before = mediaIncomplete;
            mediaIncomplete = true;
            try {
                overwriteId = controller.nearStorage().start(opcode, new long[0]);
            } catch (ControllerCommandException e) {
                mediaIncomplete = before;
                controller.listener().inOverwrite(before);
                throw e;
            }
            overwriteDeadline = System.nanoTime() + controller.timeouts().of(opcode).toNanos();
            overwrite = new OverwriteState(OverwriteState.State.BUSY, 0, SecureEraseResult.NONE);
            early = controller.nearStorage().completion(opcode, overwriteId, controller.timeouts().of(Opcode.HEARTBEAT.code()));
            if (early != null) {
                ended(early);
            }
        }
        if (early != null) {
            controller.listener().overwriteEnded(overwrite);
            if (!early.isSuccess()) {
                synchronized (overwriteLock) {
                    mediaIncomplete = before; // refused at once: the card did not start
                }
                controller.listener().inOverwrite(before);
                throw new ControllerCommandException(Reason.STATUS, opcode, early.status(), String.format(
                        "ocxlpmem %s: overwrite refused: status %s", controller.location(),
                        dev.ocxlpmem.scm.Status.describe(early.status(), opcode)), null);
            }
        }
    }

    /** Where the overwrite stands; collects its response if it has come. */
    OverwriteState state() throws ControllerCommandException {
        int opcode = Opcode.SECURE_ERASE.code();
        OverwriteState ended = null;
        synchronized (overwriteLock) {
            if (overwrite.state() != OverwriteState.State.BUSY) {
                return overwrite;
            }
            Response response = controller.nearStorage().completion(opcode, overwriteId, Duration.ZERO);
            if (response != null) {
                ended = ended(response);
            } else if (System.nanoTime() - overwriteDeadline > 0) {
                overwrite = new OverwriteState(OverwriteState.State.FAILED, overwrite.percentDone(),
                        SecureEraseResult.NONE);
                throw new ControllerCommandException(Reason.TIMEOUT, opcode, "ocxlpmem " + controller.location()
                        + ": overwrite did not end within " + controller.timeouts().of(opcode).toSeconds() + " s ("
                        + controller.registers().state() + ")");
            } else {
                overwrite = new OverwriteState(OverwriteState.State.BUSY, progress(), SecureEraseResult.NONE);
            }
        }
        if (ended != null) {
            controller.listener().overwriteEnded(ended);
        }
        synchronized (overwriteLock) {
            return overwrite;
        }
    }

    /**
     * The card reports an overwrite that a power loss or a reset cut off (SMART
     * {@link SmartAttribute#OVERWRITE_INCOMPLETE}): its media may hold old data beside zeroes, so the
     * DIMM is in overwrite until an overwrite completes, and the overwrite's end is told as failed.
     */
    void leftIncomplete(SmartData smart) throws ControllerCommandException {
        Optional<SmartAttribute> incomplete = smart.attribute(SmartAttribute.OVERWRITE_INCOMPLETE);
        if (incomplete.isEmpty()) {
            return;
        }
        OverwriteState failed = new OverwriteState(OverwriteState.State.FAILED, incomplete.get().current(),
                SecureEraseResult.NONE);
        synchronized (overwriteLock) {
            overwrite = failed;
            mediaIncomplete = true;
        }
        LOG.warn("ocxlpmem {}: the card reports an overwrite that did not complete ({}% done): its media may still "
                + "hold data; its region stays disabled until an overwrite completes", controller.location(), failed.percentDone());
        controller.listener().inOverwrite(true);
        controller.listener().overwriteEnded(failed);
    }

    private OverwriteState ended(Response response) {
        SecureEraseResult result = SecureEraseResult.of(response);
        boolean ok = response.isSuccess() && result.complete();
        if (ok) {
            mediaIncomplete = false;
            // out of overwrite before anyone can see it succeeded: an enable-region right after must pass
            try {
                controller.listener().inOverwrite(false);
            } catch (ControllerCommandException cannotBe) {
                throw new IllegalStateException(cannotBe); // only going into overwrite is refused
            }
        }
        overwrite = new OverwriteState(ok ? OverwriteState.State.SUCCEEDED : OverwriteState.State.FAILED,
                ok ? 100 : overwrite.percentDone(), result);
        return overwrite;
    }

    private int progress() {
        try {
            ControllerStatus csts = ControllerStatus.decode(controller.registers().read(Registers.CSTS));
            return csts.operation() == ControllerStatus.Operation.SECURE_ERASE ? csts.percentDone() : 0;
        } catch (OcxlException | IllegalArgumentException e) {
            return overwrite.percentDone();
        }
    }
}
