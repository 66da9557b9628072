package dev.ocxlpmem.jolokia.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Passes Jolokia's JSON answer on with every string longer than {@link Replies#ECHO} characters cut
 * short, except within a response's {@code value}: the {@code request} it repeats and the
 * {@code error} it explains may carry what the client sent (megabytes of it), the value is what was
 * asked for. An answer is one response object, or an array of them for a bulk request. Works on
 * the UTF-8 bytes as they come, so that a large value is never held whole.
 */
final class BoundedEcho extends OutputStream {
    private final OutputStream out;
    /** The open objects and arrays, outermost first. */
    private final List<Frame> frames = new ArrayList<>();
    private boolean inString;
    private boolean key;
    private boolean escape;
    private int hex;
    private int chars;
    private long dropped;
    private boolean bounded;
    private final StringBuilder keyText = new StringBuilder();

    /** An open object (with the member name it is at) or array. */
    private static final class Frame {
        final boolean object;
        boolean expectKey;
        String member = "";

        Frame(boolean object) {
            this.object = object;
            this.expectKey = object;
        }
    }

    BoundedEcho(OutputStream out) {
        this.out = out;
    }

    @Override
    public void write(int b) throws IOException {
        if (inString) {
            stringByte(b);
            return;
        }
        switch (b) {
            case '{' -> frames.add(new Frame(true));
            case '[' -> frames.add(new Frame(false));
            case '}', ']' -> {
                if (!frames.isEmpty()) {
                    frames.remove(frames.size() - 1);
                }
            }
            case ',' -> {
                if (!frames.isEmpty() && top().object) {
                    top().expectKey = true;
                }
            }
            case '"' -> {
                inString = true;
                key = !frames.isEmpty() && top().object && top().expectKey;
                bounded = !inValue();
                chars = 0;
                dropped = 0;
                keyText.setLength(0);
            }
            default -> {
            }
        }
        out.write(b);
    }

    private void stringByte(int b) throws IOException {
        if (escape) {
            escape = false;
            hex = b == 'u' ? 4 : 0;
            put(b);
            return;
        }
        if (hex > 0) {
            hex--;
            put(b);
            return;
        }
        if (b == '"') {
            inString = false;
            if (dropped > 0) {
                out.write(("...(" + dropped + " more characters)").getBytes(StandardCharsets.US_ASCII));
            }
            if (key) {
                top().member = keyText.toString();
                top().expectKey = false;
            }
            out.write(b);
            return;
        }
        if ((b & 0xC0) != 0x80 && ++chars > Replies.ECHO && bounded) {
            dropped++; // the first byte of a character past the limit
        }
        escape = b == '\\';
        put(b);
    }

    private void put(int b) throws IOException {
        if (dropped > 0) {
            return;
        }
        if (key && keyText.length() < 16) {
            keyText.append((char) b);
        }
        out.write(b);
    }

    /** Whether the string starting now is within the {@code value} of a response object. */
    private boolean inValue() {
        int response = !frames.isEmpty() && !frames.get(0).object ? 1 : 0;
        if (frames.size() <= response) {
            return false;
        }
        Frame f = frames.get(response);
        boolean atItsKey = frames.size() == response + 1 && f.expectKey;
        return f.object && !atItsKey && f.member.equals("value");
    }

    private Frame top() {
        return frames.get(frames.size() - 1);
    }

    @Override
    public void flush() throws IOException {
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
