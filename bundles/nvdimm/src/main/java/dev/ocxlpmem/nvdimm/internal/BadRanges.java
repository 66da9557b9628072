package dev.ocxlpmem.nvdimm.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.nvdimm.BadBlock;

/**
 * A bus's bad ranges in its provider's address space, sorted, disjoint and merged (Linux
 * {@code drivers/nvdimm/badrange.c}); regions derive their bad blocks from them.
 */
final class BadRanges {
    /** start, end pairs; replaced whole, so readers need no lock. */
    private volatile long[] ranges = new long[0];

    static void check(long address, long length) {
        if (address < 0 || length <= 0 || address > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("not a bad range: " + length + " bytes at address " + address);
        }
    }

    synchronized void add(long address, long length) {
        check(address, length);
        long start = address;
        long end = address + length;
        List<long[]> out = new ArrayList<>();
        long[] r = ranges;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i + 1] < start || r[i] > end) {
                out.add(new long[] {r[i], r[i + 1]});
            } else {
                start = Math.min(start, r[i]);
                end = Math.max(end, r[i + 1]);
            }
        }
        out.add(new long[] {start, end});
        out.sort((a, b) -> Long.compare(a[0], b[0]));
        set(out);
    }

    synchronized void clear(long address, long length) {
        check(address, length);
        long end = address + length;
        List<long[]> out = new ArrayList<>();
        long[] r = ranges;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i + 1] <= address || r[i] >= end) {
                out.add(new long[] {r[i], r[i + 1]});
                continue;
            }
            if (r[i] < address) {
                out.add(new long[] {r[i], address});
            }
            if (r[i + 1] > end) {
                out.add(new long[] {end, r[i + 1]});
            }
        }
        set(out);
    }

    private void set(List<long[]> list) {
        long[] r = new long[list.size() * 2];
        for (int i = 0; i < list.size(); i++) {
            r[2 * i] = list.get(i)[0];
            r[2 * i + 1] = list.get(i)[1];
        }
        ranges = r;
    }

    /**
     * The bad blocks of a region of {@code size} bytes at {@code start}: each range that meets it,
     * cut to it and widened to whole 512-byte blocks ({@code badblocks_populate}); runs that come
     * to touch are joined.
     */
    List<BadBlock> blocks(long start, long size) {
        long[] r = ranges;
        List<BadBlock> out = new ArrayList<>();
        long end = start + size;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i + 1] <= start || r[i] >= end) {
                continue;
            }
            long first = (Math.max(r[i], start) - start) / BadBlock.SECTOR_SIZE;
            long last = (Math.min(r[i + 1], end) - start + BadBlock.SECTOR_SIZE - 1) / BadBlock.SECTOR_SIZE;
            BadBlock previous = out.isEmpty() ? null : out.get(out.size() - 1);
            if (previous != null && previous.sector() + previous.count() >= first) {
                out.set(out.size() - 1, new BadBlock(previous.sector(),
                        Math.max(last, previous.sector() + previous.count()) - previous.sector()));
            } else {
                out.add(new BadBlock(first, last - first));
            }
        }
        return out;
    }
}
