package dev.ocxlpmem.scm;

/**
 * Capabilities register 0 (CCAP0, offset 0x160), as the series' "Read the capability registers
 * &amp; wait for device ready" patch decodes it: bits 15:0 the SCM revision (major in 15:4,
 * minor in 3:0), 39:32 the nominal media read latency in ns, 51:48 how long the host waits for
 * CHI.CRDY after a reset (seconds), 63:52 how long it waits for CHI.MA (seconds).
 */
public record Ccap0(
        int revisionMajor,
        int revisionMinor,
        int readLatencyNanos,
        int readinessTimeoutSeconds,
        int memoryAvailableTimeoutSeconds) {

    public Ccap0 {
        check("SCM revision major", revisionMajor, 0xFFF);
        check("SCM revision minor", revisionMinor, 0xF);
        check("read latency (ns)", readLatencyNanos, 0xFF);
        check("readiness timeout (s)", readinessTimeoutSeconds, 0xF);
        check("memory-available timeout (s)", memoryAvailableTimeoutSeconds, 0xFFF);
    }

    private static void check(String field, int value, int max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException("CCAP0 " + field + " " + value + " does not fit its field (0.." + max + ")");
        }
    }

    public static Ccap0 decode(long word) {
        int revision = (int) (word & 0xFFFF);
        return new Ccap0(revision >>> 4, revision & 0xF, (int) ((word >>> 32) & 0xFF), (int) ((word >>> 48) & 0xF),
                (int) (word >>> 52));
    }

    public long encode() {
        return ((long) revisionMajor << 4 | revisionMinor)
                | (long) readLatencyNanos << 32
                | (long) readinessTimeoutSeconds << 48
                | (long) memoryAvailableTimeoutSeconds << 52;
    }

    /** {@code 1.1}, as the series logged it. */
    public String revision() {
        return revisionMajor + "." + revisionMinor;
    }
}
