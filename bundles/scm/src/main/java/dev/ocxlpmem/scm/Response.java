package dev.ocxlpmem.scm;

import java.util.Arrays;

/**
 * A 64-byte command response: word 0 holds the status (7:0) and the id of the command it answers
 * (31:16); the other seven words are opcode specific (SECURE_ERASE: {@link SecureEraseResult}).
 */
public record Response(int status, int id, long[] results) {

    public Response {
        if (status < 0 || status > 0xFF) {
            throw new IllegalArgumentException("status " + status + " does not fit 8 bits");
        }
        if (id < 0 || id > 0xFFFF) {
            throw new IllegalArgumentException("command id " + id + " does not fit 16 bits");
        }
        if (results.length > Request.WORDS - 1) {
            throw new IllegalArgumentException("a response holds at most " + (Request.WORDS - 1)
                    + " result words, not " + results.length);
        }
        results = results.clone();
    }

    public Response(Status status, int id, long... results) {
        this(status.code(), id, results);
    }

    @Override
    public long[] results() {
        return results.clone();
    }

    /** Result word {@code n} (1..7); words past the ones given are zero. */
    public long result(int n) {
        if (n < 1 || n >= Request.WORDS) {
            throw new IndexOutOfBoundsException("response words are 1.." + (Request.WORDS - 1) + ", not " + n);
        }
        return n <= results.length ? results[n - 1] : 0;
    }

    public long[] words() {
        long[] words = new long[Request.WORDS];
        words[0] = status | (long) id << 16;
        System.arraycopy(results, 0, words, 1, results.length);
        return words;
    }

    /** Word 0 alone is enough to learn the status and the id. */
    public static int statusOf(long word0) {
        return (int) (word0 & 0xFF);
    }

    public static int idOf(long word0) {
        return (int) ((word0 >>> 16) & 0xFFFF);
    }

    public static Response decode(long[] words) {
        if (words.length != Request.WORDS) {
            throw new IllegalArgumentException("a response is " + Request.WORDS + " words, not " + words.length);
        }
        return new Response(statusOf(words[0]), idOf(words[0]), Arrays.copyOfRange(words, 1, Request.WORDS));
    }

    public boolean isSuccess() {
        return status == Status.SUCCESS.code();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Response r && Arrays.equals(words(), r.words());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(words());
    }

    @Override
    public String toString() {
        return String.format("status 0x%02x id 0x%04x %s", status, id, Arrays.toString(results));
    }
}
