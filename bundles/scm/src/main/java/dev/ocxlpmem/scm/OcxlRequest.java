package dev.ocxlpmem.scm;

import java.util.Objects;
import java.util.function.Function;

/**
 * The codec of family {@link OcxlCommand#FAMILY} for consumers: one function's request (its
 * number and input package) with the decoder of its answer, so that what a consumer sends and how
 * it reads the answer cannot disagree. A consumer sends {@code new DimmCommand.Call(OcxlCommand.FAMILY,
 * request.function(), request.input())} through the nvdimm bus and hands the output to
 * {@link #decode}. The formats are those of {@link OcxlCommand}; the driver encodes with the same
 * records.
 *
 * <p>Static rather than a service: the bytes are a contract of the family, the same for every
 * card (as ndctl.h's package structs are for kernel and libndctl alike); what differs per card is
 * which functions it offers, and the DIMM's function mask on the bus already says that.
 *
 * @param <R> what the answer decodes to ({@link Void} for none)
 */
public final class OcxlRequest<R> {
    private static final byte[] NONE = new byte[0];

    private final OcxlCommand command;
    private final byte[] input;
    private final Function<byte[], R> decoder;

    private OcxlRequest(OcxlCommand command, byte[] input, Function<byte[], R> decoder) {
        this.command = command;
        this.input = input;
        this.decoder = decoder;
    }

    private static <R> OcxlRequest<R> of(OcxlCommand command, Function<byte[], R> decoder) {
        return new OcxlRequest<>(command, NONE, decoder);
    }

    public OcxlCommand command() {
        return command;
    }

    /** The package's {@code nd_command}. */
    public int function() {
        return command.number();
    }

    public byte[] input() {
        return input.clone();
    }

    /**
     * Reads the function's output.
     *
     * @throws MalformedPayloadException if the bytes are not what the function returns
     */
    public R decode(byte[] output) {
        Objects.requireNonNull(output, "output");
        return decoder.apply(output);
    }

    /** The health ndctl shows ({@link OcxlCommand#HEALTH}). */
    public static OcxlRequest<Health> health() {
        return of(OcxlCommand.HEALTH, Health::fromPackage);
    }

    /** The raw SMART attributes ({@link OcxlCommand#SMART}). */
    public static OcxlRequest<SmartData> smart() {
        return of(OcxlCommand.SMART, SmartData::fromPackage);
    }

    /** The error log entries the driver has read from the card ({@link OcxlCommand#ERROR_LOG}). */
    public static OcxlRequest<ErrorLog> errorLog() {
        return of(OcxlCommand.ERROR_LOG, ErrorLog::fromPackage);
    }

    public static OcxlRequest<ControllerStats> statistics() {
        return of(OcxlCommand.CONTROLLER_STATS, ControllerStats::fromDataBuffer);
    }

    public static OcxlRequest<FirmwareState> firmwareStatus() {
        return of(OcxlCommand.FIRMWARE_UPDATE_STATUS, FirmwareState::fromPackage);
    }

    /** Starts sending an image of {@code imageSize} bytes, dropping one half sent. */
    public static OcxlRequest<Void> firmwareStart(long imageSize) {
        return new OcxlRequest<>(OcxlCommand.FIRMWARE_UPDATE_START, new FirmwareUpdateStart(imageSize).toPackage(),
                OcxlRequest::nothing);
    }

    /** One block of the image: in order, a multiple of 8 bytes, at most {@link FirmwareBlock#MAX_SIZE}. */
    public static OcxlRequest<Void> firmwareSend(long offset, byte[] block) {
        return new OcxlRequest<>(OcxlCommand.FIRMWARE_UPDATE_SEND, new FirmwareUpdateSend(offset, block).toPackage(),
                OcxlRequest::nothing);
    }

    /** Ends the transfer: the card checks the image and arms it for the next controller reset. */
    public static OcxlRequest<FirmwareState> firmwareFinish() {
        return of(OcxlCommand.FIRMWARE_UPDATE_FINISH, FirmwareState::fromPackage);
    }

    /** Finishes the transfer if needed, then resets the controller into the new image. */
    public static OcxlRequest<FirmwareState> firmwareActivate() {
        return of(OcxlCommand.FIRMWARE_UPDATE_ACTIVATE, FirmwareState::fromPackage);
    }

    /** The controller's dump: its 'CD' header, then what the controller wrote. */
    public static OcxlRequest<byte[]> controllerDump() {
        return of(OcxlCommand.CONTROLLER_DUMP, bytes -> bytes.clone());
    }

    public static OcxlRequest<Void> heartbeat() {
        return of(OcxlCommand.HEARTBEAT, OcxlRequest::nothing);
    }

    /** Starts overwriting all of the card's media; {@link #overwriteStatus} follows it. */
    public static OcxlRequest<Void> overwrite() {
        return of(OcxlCommand.OVERWRITE, OcxlRequest::nothing);
    }

    public static OcxlRequest<OverwriteState> overwriteStatus() {
        return of(OcxlCommand.OVERWRITE_STATUS, OverwriteState::fromPackage);
    }

    private static Void nothing(byte[] output) {
        if (output.length != 0) {
            throw new MalformedPayloadException("a function without output returned " + output.length + " bytes");
        }
        return null;
    }

    @Override
    public String toString() {
        return command + (input.length == 0 ? "" : " with " + input.length + " bytes of input");
    }
}
