package dev.ocxlpmem.emulator;

/** A range of LPC memory, in bytes from its start. */
public record MediaRange(long offset, long length) {

    public MediaRange {
        if (offset < 0 || length <= 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("media range " + offset + "+" + length
                    + " must have a non-negative offset and a positive length");
        }
    }

    public long end() {
        return offset + length;
    }

    public boolean overlaps(long from, long to) {
        return offset < to && from < end();
    }

    @Override
    public String toString() {
        return String.format("0x%x+0x%x", offset, length);
    }
}
