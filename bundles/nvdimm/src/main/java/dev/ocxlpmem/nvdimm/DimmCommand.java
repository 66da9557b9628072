package dev.ocxlpmem.nvdimm;

import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A command to a DIMM and the type of its answer ({@code ND_CMD_*}, Linux
 * {@code include/uapi/linux/ndctl.h}). Each kind is a record below; {@link Bus#call} checks it
 * before the provider sees it.
 */
public sealed interface DimmCommand<R> {

    NdCommand type();

    /** {@code ND_CMD_GET_CONFIG_SIZE}: the label area's size and the largest single transfer. */
    record GetConfigSize() implements DimmCommand<ConfigSize> {
        @Override
        public NdCommand type() {
            return NdCommand.GET_CONFIG_SIZE;
        }
    }

    /**
     * {@code ND_CMD_GET_CONFIG_DATA}: fills {@code destination}'s remaining bytes (at most max_xfer)
     * from the label area at {@code offset}, as the kernel's command fills its output buffer. The
     * provider writes from the buffer's position to its limit and leaves the position at the limit.
     */
    record GetConfigData(long offset, ByteBuffer destination) implements DimmCommand<Void> {
        public GetConfigData {
            Objects.requireNonNull(destination, "destination");
        }

        /** A read of {@code length} bytes into a fresh buffer, e.g. for tests. */
        public GetConfigData(long offset, int length) {
            this(offset, ByteBuffer.allocate(length));
        }

        public int length() {
            return destination.remaining();
        }

        @Override
        public NdCommand type() {
            return NdCommand.GET_CONFIG_DATA;
        }
    }

    /**
     * {@code ND_CMD_SET_CONFIG_DATA}: writes {@code data}'s remaining bytes (at most max_xfer) to
     * the label area at {@code offset}; durable when the command returns. The buffer is read-only
     * to the provider, so a caller's array is sent without a copy.
     */
    record SetConfigData(long offset, ByteBuffer data) implements DimmCommand<Void> {
        public SetConfigData {
            data = Objects.requireNonNull(data, "data").asReadOnlyBuffer();
        }

        public SetConfigData(long offset, byte[] data) {
            this(offset, ByteBuffer.wrap(data));
        }

        public int length() {
            return data.remaining();
        }

        @Override
        public NdCommand type() {
            return NdCommand.SET_CONFIG_DATA;
        }
    }

    /**
     * {@code ND_CMD_CALL}: a vendor command of a command family ({@code struct nd_cmd_pkg}).
     *
     * @param family the command family ({@code nd_family}), e.g. {@link CommandFamily#OCXL}
     * @param function the function within the family ({@code nd_command})
     * @param input the input payload
     */
    record Call(int family, int function, byte[] input) implements DimmCommand<byte[]> {
        public Call {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public NdCommand type() {
            return NdCommand.CALL;
        }
    }
}
