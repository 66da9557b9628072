package dev.ocxlpmem.driver.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.FirmwareBlock;
import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.FirmwareState.UpdateState;
import dev.ocxlpmem.scm.FirmwareUpdateStart;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.scm.HciBit;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.Registers;

/**
 * A firmware update of one card's controller (the series' FW_UPDATE): the image sent in blocks,
 * the end block after which the controller checks and arms it, and the activation by a controller
 * reset. One update at a time; the emulator's side is {@code emulator.internal.FirmwareStaging}.
 */
final class FirmwareUpdate {
    private static final Logger LOG = LoggerFactory.getLogger(FirmwareUpdate.class);

    private final ScmController controller;
    private final Object firmwareLock = new Object();
    private UpdateState firmware = UpdateState.IDLE;
    private long imageSize;
    private long received;
    private FirmwareVersion nextVersion;

    FirmwareUpdate(ScmController controller) {
        this.controller = controller;
    }

    /** Starts an update of {@code size} bytes, dropping one half sent. */
    void start(long size) throws ControllerCommandException {
        int opcode = Opcode.FW_UPDATE.code();
        controller.requireSupported(Opcode.FW_UPDATE);
        synchronized (firmwareLock) {
            if (firmware == UpdateState.ACTIVATING) {
                throw controller.input(opcode, "a firmware activation is under way");
            }
            try {
                new FirmwareUpdateStart(size);
            } catch (IllegalArgumentException e) {
                throw controller.input(opcode, e.getMessage());
            }
            firmware = UpdateState.RECEIVING;
            imageSize = size;
            received = 0;
            nextVersion = null;
        }
    }

    /** Sends the block at {@code offset}: blocks come in order, each a multiple of 8 bytes, at most 32 KiB. */
    void send(long offset, byte[] data) throws ControllerCommandException {
        int opcode = Opcode.FW_UPDATE.code();
        synchronized (firmwareLock) {
            if (firmware != UpdateState.RECEIVING) {
                throw controller.input(opcode, "no firmware update was started (state " + firmware + ")");
            }
            if (offset != received) {
                throw controller.input(opcode, "firmware block at " + offset + "; the next block starts at " + received);
            }
            if (offset + data.length > imageSize) {
                throw controller.input(opcode, "firmware block " + offset + "+" + data.length + " runs past the " + imageSize
                        + "-byte image");
            }
            FirmwareBlock block;
            try {
                block = new FirmwareBlock(offset, data.length);
            } catch (IllegalArgumentException e) {
                throw controller.input(opcode, e.getMessage());
            }
            controller.admin(Opcode.FW_UPDATE, new long[] {block.word()}, data, (q, r) -> null);
            if (offset == 0) {
                nextVersion = versionInHeader(data);
            }
            received += data.length;
        }
    }

    private static FirmwareVersion versionInHeader(byte[] first) {
        if (first.length < 0x18 || !Arrays.equals(first, 0, 8, FirmwareImage.MAGIC, 0, 8)) {
            return null;
        }
        try {
            return FirmwareVersion.decode(ByteBuffer.wrap(first, 0x10, 8).order(ByteOrder.LITTLE_ENDIAN).getLong());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /**
     * Ends the transfer: the controller checks the image and arms it; it becomes active at the next
     * controller reset ({@link #activate}, or the card's next power-on). A refused image is
     * discarded, and the refusal thrown with the controller's status.
     */
    FirmwareState finish() throws ControllerCommandException {
        int opcode = Opcode.FW_UPDATE.code();
        synchronized (firmwareLock) {
            if (firmware != UpdateState.RECEIVING) {
                throw controller.input(opcode, "no firmware transfer to finish (state " + firmware + ")");
            }
            finishTransfer(opcode);
        }
        return state();
    }

    /** Under firmwareLock, with the whole image sent: the end block, after which the image is armed. */
    private void finishTransfer(int opcode) throws ControllerCommandException {
        if (received != imageSize) {
            throw controller.input(opcode, received + " of the image's " + imageSize + " bytes were sent");
        }
        try {
            controller.admin(Opcode.FW_UPDATE, new long[] {FirmwareBlock.end(imageSize).word()}, null, (q, r) -> null);
        } catch (ControllerCommandException e) {
            firmware = UpdateState.IDLE; // the controller discards a refused image
            throw e;
        }
        firmware = UpdateState.ARMED;
    }

    /**
     * Ends the transfer (the controller checks the image and arms it), then resets the controller
     * (HCI.AFU_RESET) so that it runs the new image, waits for CRDY and MA within CCAP0's timeouts
     * and checks FWVER.
     */
    FirmwareState activate() throws ControllerCommandException {
        int opcode = Opcode.FW_UPDATE.code();
        synchronized (firmwareLock) {
            if (firmware != UpdateState.RECEIVING && firmware != UpdateState.ARMED) {
                throw controller.input(opcode, "no firmware image to activate (state " + firmware + ")");
            }
            if (firmware == UpdateState.RECEIVING) {
                finishTransfer(opcode);
            }
            firmware = UpdateState.ACTIVATING;
            try {
                controller.registers().write(Registers.HCI, HciBit.AFU_RESET.mask());
                long reset = System.nanoTime();
                controller.awaitBit(ChiBit.CRDY, reset, controller.capabilities0().readinessTimeoutSeconds(), "readiness");
                controller.awaitBit(ChiBit.MA, reset, controller.capabilities0().memoryAvailableTimeoutSeconds(), "memory-available");
                controller.programInterrupts();
                FirmwareVersion running = FirmwareVersion.decode(controller.registers().read(Registers.FWVER));
                firmware = UpdateState.IDLE;
                if (nextVersion != null && !running.equals(nextVersion)) {
                    throw new ControllerCommandException(Reason.MALFORMED, opcode, "ocxlpmem " + controller.location()
                            + ": after activating firmware " + nextVersion + " the controller runs " + running);
                }
                LOG.info("ocxlpmem {}: firmware {} active", controller.location(), running);
            } catch (OcxlException e) {
                firmware = UpdateState.IDLE;
                throw controller.gone(opcode, e);
            } catch (IllegalStateException | IllegalArgumentException e) {
                firmware = UpdateState.IDLE;
                throw new ControllerCommandException(Reason.NOT_READY, opcode, -1, "ocxlpmem " + controller.location()
                        + ": firmware activation: " + e.getMessage() + " (" + controller.registers().state() + ")", e);
            }
        }
        return state();
    }

    FirmwareState state() throws ControllerCommandException {
        int opcode = Opcode.FW_UPDATE.code();
        try {
            String current = FirmwareVersion.decode(controller.registers().read(Registers.FWVER)).text();
            synchronized (firmwareLock) {
                String next = firmware == UpdateState.ARMED && nextVersion != null ? nextVersion.text() : "";
                boolean transfer = firmware == UpdateState.RECEIVING || firmware == UpdateState.ARMED;
                return new FirmwareState(current, next, firmware, transfer ? received : 0, transfer ? imageSize : 0,
                        controller.supports(Opcode.FW_UPDATE));
            }
        } catch (OcxlException e) {
            throw controller.gone(opcode, e);
        } catch (IllegalArgumentException e) {
            throw new ControllerCommandException(Reason.MALFORMED, opcode, -1, "ocxlpmem " + controller.location() + ": "
                    + e.getMessage(), e);
        }
    }
}
