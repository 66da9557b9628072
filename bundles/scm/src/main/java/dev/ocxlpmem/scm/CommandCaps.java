package dev.ocxlpmem.scm;

import java.nio.ByteBuffer;
import java.util.EnumSet;
import java.util.Set;

/**
 * The CMD_CAPS answer. The series defined the opcode but no payload; this project's is the 'CC'
 * header with length 0x10, at +0x08 a mask of admin opcodes (bit n: opcode n), at +0x10 a mask of
 * near-storage opcodes (bit n: opcode 0x20 + n).
 */
public record CommandCaps(Set<Opcode> opcodes) {
    private static final int LENGTH = 0x10;

    public CommandCaps {
        opcodes = opcodes.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(opcodes));
    }

    public boolean supports(Opcode opcode) {
        return opcodes.contains(opcode);
    }

    public byte[] toDataBuffer() {
        long admin = 0;
        long nearStorage = 0;
        for (Opcode op : opcodes) {
            if (op.queue() == Queue.ADMIN) {
                admin |= 1L << op.code();
            } else {
                nearStorage |= 1L << (op.code() - 0x20);
            }
        }
        ByteBuffer b = Le.allocate(8 + LENGTH);
        return b.putLong(new PayloadHeader(PayloadHeader.COMMAND_CAPS, LENGTH).encode()).putLong(admin)
                .putLong(nearStorage).array();
    }

    /** Bits for opcodes this enum does not know are ignored: the host cannot send them anyway. */
    public static CommandCaps fromDataBuffer(byte[] data) {
        PayloadHeader header = PayloadHeader.read(data, PayloadHeader.COMMAND_CAPS, "command capabilities");
        if (header.length() < LENGTH) {
            throw new MalformedPayloadException("command capabilities of " + header.length() + " bytes; expected "
                    + LENGTH);
        }
        ByteBuffer b = Le.wrap(data);
        long admin = b.getLong(8);
        long nearStorage = b.getLong(16);
        Set<Opcode> set = EnumSet.noneOf(Opcode.class);
        for (Opcode op : Opcode.values()) {
            long mask = op.queue() == Queue.ADMIN ? admin : nearStorage;
            int bit = op.queue() == Queue.ADMIN ? op.code() : op.code() - 0x20;
            if ((mask & 1L << bit) != 0) {
                set.add(op);
            }
        }
        return new CommandCaps(set);
    }
}
