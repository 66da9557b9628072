package dev.ocxlpmem.nvdimm;

import java.util.Objects;

/**
 * A command to a DIMM and the type of its answer. Each kind is a record below; the bus checks
 * the DIMM's command mask before the provider sees it.
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

    /** {@code ND_CMD_GET_CONFIG_DATA}: read {@code length} bytes (at most max_xfer) at {@code offset}. */
    record GetConfigData(long offset, int length) implements DimmCommand<byte[]> {
        @Override
        public NdCommand type() {
            return NdCommand.GET_CONFIG_DATA;
        }
    }

    /**
     * {@code ND_CMD_SET_CONFIG_DATA}: write {@code data} (at most max_xfer bytes) at
     * {@code offset}; durable when the command returns.
     */
    record SetConfigData(long offset, byte[] data) implements DimmCommand<Void> {
        public SetConfigData {
            Objects.requireNonNull(data, "data");
        }

        @Override
        public NdCommand type() {
            return NdCommand.SET_CONFIG_DATA;
        }
    }

    /**
     * {@code ND_CMD_CALL}: a vendor command of a command family ({@code struct nd_cmd_pkg}).
     *
     * @param family the command family, e.g. {@link CommandFamily#OCXL}
     * @param command the command number within the family
     * @param input the input payload
     */
    record Call(int family, int command, byte[] input) implements DimmCommand<byte[]> {
        public Call {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public NdCommand type() {
            return NdCommand.CALL;
        }
    }
}
