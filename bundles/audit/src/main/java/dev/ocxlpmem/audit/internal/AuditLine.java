package dev.ocxlpmem.audit.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * One line of the trail: {@code time | user | path | operation | target | outcome}. Time is UTC to
 * the millisecond; within a field a {@code |} is written {@code \|}, a backslash {@code \\} and a
 * control character as an escape, so that a line is always one line and splits back into its
 * fields; a field is cut after {@link #FIELD} characters.
 */
record AuditLine(long time, String user, String path, String operation, String target, String outcome) {
    static final int FIELD = 1000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    @Override
    public String toString() {
        return TIME.format(Instant.ofEpochMilli(time)) + " | " + field(user) + " | " + field(path) + " | "
                + field(operation) + " | " + field(target) + " | " + field(outcome);
    }

    static String field(String text) {
        StringBuilder out = new StringBuilder();
        int n = Math.min(text.length(), FIELD);
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '|' -> out.append("\\|");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > FIELD) {
            out.append("...(").append(text.length() - FIELD).append(" more characters)");
        }
        return out.toString();
    }
}
