package dev.ocxlpmem.jolokia.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.servlet.http.HttpServletResponse;

/** The gate's own answers, in Jolokia's form ({@code status}, {@code error}), and how much of a request they echo. */
final class Replies {
    /** The most characters of a request's text that a reply repeats. */
    static final int ECHO = 200;

    private Replies() {
    }

    static String bounded(String text) {
        return text.length() <= ECHO ? text : text.substring(0, ECHO) + "...(" + (text.length() - ECHO) + " more characters)";
    }

    /** Answers {@code status} with {@code error}: one line a person can act on. */
    static void refuse(HttpServletResponse response, int status, String error) throws IOException {
        byte[] body = ("{\"status\":" + status + ",\"error\":" + quote(error) + "}").getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("text/plain;charset=utf-8");
        response.setHeader("Cache-Control", "no-cache");
        response.setContentLength(body.length);
        try (OutputStream out = response.getOutputStream()) {
            out.write(body);
        }
    }

    private static String quote(String text) {
        StringBuilder json = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                json.append('\\').append(c);
            } else if (c < 0x20) {
                json.append(String.format("\\u%04x", (int) c));
            } else {
                json.append(c);
            }
        }
        return json.append('"').toString();
    }
}
