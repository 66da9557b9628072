package dev.ocxlpmem.emulator.internal;

import java.util.EnumSet;

import dev.ocxlpmem.emulator.FatalState;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.emulator.SmartValues;
import dev.ocxlpmem.scm.CommandCaps;
import dev.ocxlpmem.scm.ErrorInject;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.FirmwareBlock;
import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.InjectedErrors;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.PayloadHeader;
import dev.ocxlpmem.scm.Queue;
import dev.ocxlpmem.scm.Registers;
import dev.ocxlpmem.scm.Request;
import dev.ocxlpmem.scm.Response;
import dev.ocxlpmem.scm.SmartInject;
import dev.ocxlpmem.scm.Status;

/**
 * What the controller does for each command it takes, and the status it answers. Runs on the
 * device thread under the controller's lock; writes what it returns into the data buffer.
 */
final class AdminCommands {
    /** FW_DEBUG action: copy the register at parameter word 2 into the data buffer. */
    static final int DEBUG_READ_REGISTER = 0x01;
    private static final CommandCaps CAPS = new CommandCaps(EnumSet.allOf(Opcode.class));
    private static final CommandCaps WITHOUT_INJECTION = new CommandCaps(
            EnumSet.complementOf(EnumSet.of(Opcode.INJECT_SMART, Opcode.INJECT_ERROR)));

    private final Controller controller;

    AdminCommands(Controller controller) {
        this.controller = controller;
    }

    /** The response, or null when it comes later (SECURE_ERASE). */
    Response execute(Queue queue, Request request) {
        CommandCaps caps = controller.faults().settings().injection() ? CAPS : WITHOUT_INJECTION;
        Opcode opcode = Opcode.of(request.opcode()).filter(op -> op.queue() == queue).filter(caps::supports)
                .orElse(null);
        if (opcode == null) {
            return answer(request, Status.BAD_OPCODE);
        }
        return switch (opcode) {
            case HEARTBEAT -> answer(request, Status.SUCCESS);
            case SHUTDOWN -> answer(request, controller.shutdown());
            case FW_UPDATE -> answer(request, firmwareUpdate(request));
            case FW_DEBUG -> answer(request, firmwareDebug(request));
            case ERRLOG -> answer(request, errorLog());
            case SMART -> data(request, controller.smartData().toDataBuffer());
            case CONTROLLER_STATS -> data(request, controller.stats().toDataBuffer());
            case CONTROLLER_DUMP -> answer(request, dumpPiece(request));
            case CMD_CAPS -> data(request, caps.toDataBuffer());
            case INJECT_SMART -> answer(request, injectSmart(request));
            case INJECT_ERROR -> answer(request, injectError(request));
            case SECURE_ERASE -> {
                Status status = controller.startErase(request.id());
                yield status == null ? null : answer(request, status);
            }
        };
    }

    private static Response answer(Request request, Status status) {
        return new Response(status, request.id());
    }

    private Response data(Request request, byte[] data) {
        controller.writeData(Queue.ADMIN, data);
        return answer(request, Status.SUCCESS);
    }

    private Status firmwareUpdate(Request request) {
        if (controller.faults().firmwareUpdateBlocked() || controller.eraseRunning()) {
            return Status.BLOCKED;
        }
        FirmwareBlock block;
        try {
            block = FirmwareBlock.decode(request.parameter(1));
        } catch (IllegalArgumentException e) {
            return Status.BAD_REQUEST_PARAMETER;
        }
        if (block.size() > Controller.ADMIN_QUEUE.dataSize()) {
            return Status.BAD_REQUEST_PARAMETER;
        }
        if (!block.isEnd()) {
            return controller.staging.write(block, controller.readData(Queue.ADMIN, (int) block.size()));
        }
        if (block.offset() != controller.staging.received()) {
            return Status.BAD_REQUEST_PARAMETER;
        }
        FirmwareImage image = controller.staging.end(block);
        return image == null ? Status.BAD_DATA_PARAMETER : controller.arm(image.version());
    }

    private Status firmwareDebug(Request request) {
        if (!controller.firmwareDebugEnabled()) {
            return Status.DEBUG_BLOCKED;
        }
        int action = (int) (request.parameter(1) >>> 56);
        long offset = request.parameter(2);
        if (action != DEBUG_READ_REGISTER || offset < 0 || offset >= Registers.END || offset % 8 != 0) {
            return Status.BAD_REQUEST_PARAMETER;
        }
        controller.writeData(Queue.ADMIN, java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putLong(controller.read(offset)).array());
        return Status.SUCCESS;
    }

    /** One entry per ERRLOG; an empty log answers an 'EL' header of length 0. ELA clears with the last entry. */
    private Status errorLog() {
        ErrorLogEntry entry = controller.errorLog.poll();
        controller.writeData(Queue.ADMIN, entry != null ? entry.toDataBuffer()
                : java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                        .putLong(new PayloadHeader(PayloadHeader.ERROR_LOG, 0).encode()).array());
        if (controller.errorLog.isEmpty()) {
            controller.clearErrorLogAvailable();
        }
        return Status.SUCCESS;
    }

    /**
     * ndctl's inject-smart as the card takes it: the values set, or back to a new card's; then a
     * fatal state taken back, an unsafe shutdown recorded, a fatal state entered, in that order. An
     * unsafe shutdown cannot be taken back: the card's state clears at its next clean power cycle.
     */
    private Status injectSmart(Request request) {
        SmartInject in;
        SmartValues values;
        try {
            in = SmartInject.fromWords(request.parameter(1), request.parameter(2), request.parameter(3));
            if (in.uninjects(SmartInject.UNSAFE_SHUTDOWN_BIT)) {
                return Status.BAD_REQUEST_PARAMETER;
            }
            values = values(in, controller.smart());
        } catch (IllegalArgumentException e) {
            return Status.BAD_REQUEST_PARAMETER;
        }
        controller.smart(values);
        if (in.uninjects(SmartInject.FATAL_BIT)) {
            controller.clearFatal();
        }
        if (in.sets(SmartInject.UNSAFE_SHUTDOWN_BIT)) {
            controller.dirtyShutdown();
        }
        if (in.sets(SmartInject.FATAL_BIT)) {
            controller.fatal(FatalState.FIRMWARE);
        }
        return Status.SUCCESS;
    }

    private static SmartValues values(SmartInject in, SmartValues now) {
        SmartValues stock = SmartValues.DEFAULTS;
        return new SmartValues(
                temperature(in, SmartInject.MEDIA_TEMPERATURE_BIT, in.mediaTemperature(),
                        now.mediaTemperatureCelsius(), stock.mediaTemperatureCelsius()),
                in.sets(SmartInject.MEDIA_TEMPERATURE_THRESHOLD_BIT) ? in.mediaTemperatureThreshold()
                        : now.mediaTemperatureThreshold(),
                in.sets(SmartInject.MEDIA_TEMPERATURE_ALARM_BIT) ? (in.alarmsEnabled() & SmartInject.MEDIA_ALARM) != 0
                        : now.mediaTemperatureAlarmEnabled(),
                temperature(in, SmartInject.CONTROLLER_TEMPERATURE_BIT, in.controllerTemperature(),
                        now.controllerTemperatureCelsius(), stock.controllerTemperatureCelsius()),
                in.sets(SmartInject.CONTROLLER_TEMPERATURE_THRESHOLD_BIT) ? in.controllerTemperatureThreshold()
                        : now.controllerTemperatureThreshold(),
                in.sets(SmartInject.CONTROLLER_TEMPERATURE_ALARM_BIT)
                        ? (in.alarmsEnabled() & SmartInject.CONTROLLER_ALARM) != 0
                        : now.controllerTemperatureAlarmEnabled(),
                in.sets(SmartInject.SPARES_BIT) ? in.spares()
                        : in.uninjects(SmartInject.SPARES_BIT) ? stock.sparesPercent() : now.sparesPercent(),
                in.sets(SmartInject.SPARES_THRESHOLD_BIT) ? in.sparesThreshold() : now.sparesThreshold(),
                in.sets(SmartInject.SPARES_ALARM_BIT) ? (in.alarmsEnabled() & SmartInject.SPARES_ALARM) != 0
                        : now.sparesAlarmEnabled(),
                now.lifeUsedPercent());
    }

    private static double temperature(SmartInject in, int bit, int sixteenths, double now, double stock) {
        return in.sets(bit) ? sixteenths / 16.0 : in.uninjects(bit) ? stock : now;
    }

    /** ndctl's inject-error as the card takes it: poison set (reported if asked), cleared, or listed. */
    private Status injectError(Request request) {
        ErrorInject in;
        try {
            in = ErrorInject.fromWords(request.parameter(1), request.parameter(2), request.parameter(3));
            if (in.action() == ErrorInject.Action.LIST) {
                controller.writeData(Queue.ADMIN, new InjectedErrors(controller.poison.list().stream()
                        .map(r -> new InjectedErrors.Range(r.offset(), r.length())).toList()).toDataBuffer());
                return Status.SUCCESS;
            }
            MediaRange range = new MediaRange(in.offset(), in.length());
            controller.checkInLpc(range);
            if (in.action() == ErrorInject.Action.INJECT) {
                controller.faults().poison(range, in.report());
            } else {
                controller.faults().clearPoison(range);
            }
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Status.BAD_REQUEST_PARAMETER;
        }
        return Status.SUCCESS;
    }

    /** Parameter word 1: offset in the dump (63:32), bytes (31:0), within the dump and the data buffer. */
    private Status dumpPiece(Request request) {
        byte[] dump = controller.dump();
        long offset = request.parameter(1) >>> 32;
        long length = request.parameter(1) & 0xFFFF_FFFFL;
        if (dump == null || length == 0 || length % 8 != 0 || offset % 8 != 0
                || length > Controller.ADMIN_QUEUE.dataSize() || offset + length > dump.length) {
            return Status.BAD_REQUEST_PARAMETER;
        }
        controller.writeData(Queue.ADMIN, java.util.Arrays.copyOfRange(dump, (int) offset, (int) (offset + length)));
        return Status.SUCCESS;
    }
}
