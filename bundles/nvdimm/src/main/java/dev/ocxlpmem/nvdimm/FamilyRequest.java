package dev.ocxlpmem.nvdimm;

import java.util.function.Function;

/**
 * One {@code ND_CMD_CALL} a {@link FamilyCodec} built: the family, the function and its input
 * package, with the decoder of its output, so that what is sent and how the answer is read cannot
 * disagree. A consumer sends {@link #command()} through {@link Bus#call} and hands the output to
 * {@link #decode}.
 *
 * @param <R> what the output decodes to ({@link Void} for none)
 */
public record FamilyRequest<R>(int family, int function, byte[] input, Function<byte[], R> decoder) {
    public FamilyRequest {
        input = input.clone();
    }

    @Override
    public byte[] input() {
        return input.clone();
    }

    public DimmCommand.Call command() {
        return new DimmCommand.Call(family, function, input);
    }

    /**
     * Reads the function's output.
     *
     * @throws IllegalArgumentException if the bytes are not what the function returns
     */
    public R decode(byte[] output) {
        return decoder.apply(output);
    }
}
