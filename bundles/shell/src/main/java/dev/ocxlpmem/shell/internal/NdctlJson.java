package dev.ocxlpmem.shell.internal;

import java.util.List;
import java.util.Map;

/**
 * JSON as ndctl prints it (json-c's pretty form): two-space indent, {@code "key":value} with no
 * space, one member per line, and a lone top-level element printed without its array.
 * Objects are {@code Map}s (in insertion order), arrays {@code List}s, numbers and booleans as is.
 */
final class NdctlJson {
    private NdctlJson() {
    }

    /** ndctl's top-level rule: an array of one element is printed as that element. */
    static String topLevel(List<?> elements) {
        return write(elements.size() == 1 ? elements.get(0) : elements);
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(out, value, 0);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value, int depth) {
        if (value instanceof Map<?, ?> map) {
            out.append('{');
            String separator = "\n";
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.append(separator);
                indent(out, depth + 1);
                string(out, entry.getKey().toString());
                out.append(':');
                write(out, entry.getValue(), depth + 1);
                separator = ",\n";
            }
            out.append('\n');
            indent(out, depth);
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            String separator = "\n";
            for (Object element : list) {
                out.append(separator);
                indent(out, depth + 1);
                write(out, element, depth + 1);
                separator = ",\n";
            }
            out.append('\n');
            indent(out, depth);
            out.append(']');
        } else if (value instanceof Number || value instanceof Boolean) {
            out.append(value);
        } else if (value == null) {
            out.append("null");
        } else {
            string(out, value.toString());
        }
    }

    private static void indent(StringBuilder out, int depth) {
        out.append("  ".repeat(depth));
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
