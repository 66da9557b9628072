package dev.ocxlpmem.shell.internal;

/** Sizes as ndctl prints them: bytes, or with {@code -u} its human form. */
final class Sizes {
    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    private Sizes() {
    }

    /** ndctl's {@code -u} rule: below 5000 KiB the plain number, above it MiB or GiB with the decimal unit. */
    static Object of(long bytes, boolean human) {
        return human && bytes >= 5000 * 1024 ? human(bytes) : bytes;
    }

    /** E.g. {@code 1024.00 MiB (1073.74 MB)}: MiB/MB below 2 GiB, GiB/GB from there, rounded to hundredths. */
    static String human(long bytes) {
        boolean small = bytes < 2 * GIB;
        long binary = hundredths(bytes, small ? MIB : GIB);
        long decimal = hundredths(bytes, small ? 1_000_000L : 1_000_000_000L);
        return String.format("%d.%02d %s (%d.%02d %s)", binary / 100, binary % 100, small ? "MiB" : "GiB",
                decimal / 100, decimal % 100, small ? "MB" : "GB");
    }

    private static long hundredths(long bytes, long unit) {
        // bytes * 200 / unit, rounded half up, without overflowing for sizes up to exabytes
        long twice = bytes / unit * 200 + bytes % unit * 200 / unit;
        return (twice + 1) / 2;
    }
}
