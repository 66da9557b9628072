package dev.ocxlpmem.emulator.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * What the host did to the card's LPC memory, for CONTROLLER_STATS. The emulated controller has
 * no cache: every host load or store is a media read or write of each 64-byte line it touches.
 * Striped counters, so concurrent accesses neither lose counts nor contend on one cache line.
 */
final class MediaCounters {
    static final int LINE = 64;

    final LongAdder hostLoads = new LongAdder();
    final LongAdder hostStores = new LongAdder();
    final LongAdder mediaReads = new LongAdder();
    final LongAdder mediaWrites = new LongAdder();

    static long lines(long offset, long length) {
        return length <= 0 ? 0 : ((offset + length - 1) >>> 6) - (offset >>> 6) + 1;
    }

    void load(long offset, long length) {
        hostLoads.increment();
        mediaReads.add(lines(offset, length));
    }

    void store(long offset, long length) {
        hostStores.increment();
        mediaWrites.add(lines(offset, length));
    }
}
