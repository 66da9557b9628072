package dev.ocxlpmem.driver.internal;

import java.util.Set;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.scm.ErrorInject;
import dev.ocxlpmem.scm.ErrorLog;
import dev.ocxlpmem.scm.FirmwareUpdateSend;
import dev.ocxlpmem.scm.FirmwareUpdateStart;
import dev.ocxlpmem.scm.MalformedPayloadException;
import dev.ocxlpmem.scm.OcxlCommand;
import dev.ocxlpmem.scm.SmartInject;

/**
 * {@code ND_CMD_CALL} with family {@link OcxlCommand#FAMILY}: decodes the package's input, runs
 * the function on the card's controller and encodes its output ({@link OcxlCommand} gives the
 * wire format of each).
 */
final class FamilyCommands {
    private static final byte[] NONE = new byte[0];
    private final ScmController controller;

    FamilyCommands(ScmController controller) {
        this.controller = controller;
    }

    /** The DIMM's function mask for family 6: what the card's CMD_CAPS supports. */
    Set<OcxlCommand> functions() {
        return controller.supportedFunctions();
    }

    /**
     * @throws ControllerCommandException with {@link Reason#INPUT} for an unknown or unsupported
     *     function or a malformed input (nothing reached the card), otherwise as the command failed
     */
    byte[] call(long function, byte[] input) throws ControllerCommandException {
        OcxlCommand command = OcxlCommand.of(function).orElseThrow(() -> new ControllerCommandException(Reason.INPUT,
                -1, "ND_CMD_CALL family " + OcxlCommand.FAMILY + " has no function " + function + " (1.."
                        + OcxlCommand.values().length + ")"));
        if (!controller.supportedFunctions().contains(command)) {
            throw new ControllerCommandException(Reason.INPUT, -1, command + " is not supported by this card");
        }
        try {
            return switch (command) {
                case FIRMWARE_UPDATE_START -> {
                    controller.firmware().start(FirmwareUpdateStart.fromPackage(input).imageSize());
                    yield NONE;
                }
                case FIRMWARE_UPDATE_SEND -> {
                    FirmwareUpdateSend send = FirmwareUpdateSend.fromPackage(input);
                    controller.firmware().send(send.offset(), send.data());
                    yield NONE;
                }
                case INJECT_SMART -> {
                    controller.injectSmart(SmartInject.fromPackage(input));
                    yield NONE;
                }
                case INJECT_ERROR, INJECT_ERROR_CLEAR -> {
                    controller.injectError(ErrorInject.fromPackage(command == OcxlCommand.INJECT_ERROR
                            ? ErrorInject.Action.INJECT : ErrorInject.Action.CLEAR, input));
                    yield NONE;
                }
                default -> {
                    command.requireNoInput(input);
                    yield noInput(command);
                }
            };
        } catch (MalformedPayloadException e) {
            throw new ControllerCommandException(Reason.INPUT, -1, -1, command + ": " + e.getMessage(), e);
        }
    }

    private byte[] noInput(OcxlCommand command) throws ControllerCommandException {
        return switch (command) {
            case SMART -> controller.smart().toPackage();
            case ERROR_LOG -> new ErrorLog(controller.errorLog()).toPackage();
            case CONTROLLER_STATS -> controller.stats().toDataBuffer();
            case FIRMWARE_UPDATE_FINISH -> controller.firmware().finish().toPackage();
            case FIRMWARE_UPDATE_ACTIVATE -> controller.firmware().activate().toPackage();
            case FIRMWARE_UPDATE_STATUS -> controller.firmware().state().toPackage();
            case CONTROLLER_DUMP -> controller.controllerDump();
            case HEARTBEAT -> {
                controller.heartbeat();
                yield NONE;
            }
            case OVERWRITE -> {
                controller.overwrite().start();
                yield NONE;
            }
            case OVERWRITE_STATUS -> controller.overwrite().state().toPackage();
            case HEALTH -> controller.health().toPackage();
            case INJECT_ERROR_STATUS -> controller.injectError(ErrorInject.list()).toPackage();
            case FIRMWARE_UPDATE_START, FIRMWARE_UPDATE_SEND, INJECT_SMART, INJECT_ERROR, INJECT_ERROR_CLEAR ->
                    throw new IllegalStateException(command + " takes input");
        };
    }
}
