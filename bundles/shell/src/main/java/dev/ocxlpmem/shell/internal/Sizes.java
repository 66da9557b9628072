package dev.ocxlpmem.shell.internal;

import java.util.Locale;

/** Sizes as ndctl prints them: bytes, or with {@code -u} its human form. */
final class Sizes {
    private Sizes() {
    }

    static Object of(long bytes, boolean human) {
        return human ? human(bytes) : bytes;
    }

    /** ndctl's {@code -u} form, e.g. {@code 1024.00 MiB (1073.74 MB)}. */
    static String human(long bytes) {
        String[] binary = {"KiB", "MiB", "GiB", "TiB", "PiB"};
        String[] decimal = {"KB", "MB", "GB", "TB", "PB"};
        if (bytes < 1024) {
            return bytes + "";
        }
        int b = 0;
        double bin = bytes / 1024.0;
        while (bin >= 1024 && b < binary.length - 1) {
            bin /= 1024;
            b++;
        }
        int d = 0;
        double dec = bytes / 1000.0;
        while (dec >= 1000 && d < decimal.length - 1) {
            dec /= 1000;
            d++;
        }
        return String.format(Locale.ROOT, "%.2f %s (%.2f %s)", bin, binary[b], dec, decimal[d]);
    }
}
