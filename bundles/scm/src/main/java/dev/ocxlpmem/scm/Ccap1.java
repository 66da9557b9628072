package dev.ocxlpmem.scm;

/** Capabilities register 1 (CCAP1, offset 0x168): bits 31:0 the largest controller dump, in bytes. */
public record Ccap1(long maxControllerDumpSize) {

    public Ccap1 {
        if (maxControllerDumpSize < 0 || maxControllerDumpSize > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("CCAP1 maximum controller dump size " + maxControllerDumpSize
                    + " does not fit 32 bits");
        }
    }

    public static Ccap1 decode(long word) {
        return new Ccap1(word & 0xFFFF_FFFFL);
    }

    public long encode() {
        return maxControllerDumpSize;
    }
}
