package dev.ocxlpmem.scm;

import java.util.Arrays;

/**
 * A 64-byte command request: word 0 holds the opcode (7:0) and the command id (31:16), up to seven
 * parameter words follow, the rest is zero (docs/scm-controller.md, "The command queues").
 */
public record Request(int opcode, int id, long[] parameters) {
    /** Size of a request or response. */
    public static final int BYTES = 64;
    public static final int WORDS = BYTES / 8;

    public Request {
        if (opcode < 0 || opcode > 0xFF) {
            throw new IllegalArgumentException("opcode " + opcode + " does not fit 8 bits");
        }
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("command id " + id + " does not fit 16 bits");
        }
        if (parameters.length > WORDS - 1) {
            throw new IllegalArgumentException("a request holds at most " + (WORDS - 1) + " parameter words, not "
                    + parameters.length);
        }
        parameters = parameters.clone();
    }

    public Request(Opcode opcode, int id, long... parameters) {
        this(opcode.code(), id, parameters);
    }

    @Override
    public long[] parameters() {
        return parameters.clone();
    }

    /** Parameter word {@code n} (1..7); words past the ones given are zero. */
    public long parameter(int n) {
        if (n < 1 || n >= WORDS) {
            throw new IndexOutOfBoundsException("request parameter words are 1.." + (WORDS - 1) + ", not " + n);
        }
        return n <= parameters.length ? parameters[n - 1] : 0;
    }

    /** The eight words as written to the request buffer, word 0 first. */
    public long[] words() {
        long[] words = new long[WORDS];
        words[0] = opcode | (long) id << 16;
        System.arraycopy(parameters, 0, words, 1, parameters.length);
        return words;
    }

    /** The device side: a request read back from the buffer. */
    public static Request decode(long[] words) {
        if (words.length != WORDS) {
            throw new IllegalArgumentException("a request is " + WORDS + " words, not " + words.length);
        }
        return new Request((int) (words[0] & 0xFF), (int) ((words[0] >>> 16) & 0xFFFF),
                Arrays.copyOfRange(words, 1, WORDS));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Request r && r.opcode == opcode && r.id == id
                && Arrays.equals(words(), r.words());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words());
    }

    @Override
    public String toString() {
        return String.format("%s id 0x%04x %s", Opcode.describe(opcode), id, Arrays.toString(parameters));
    }
}
