package dev.ocxlpmem.emulator.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.emulator.MediaRange;

/**
 * Poisoned ranges of LPC memory, disjoint and sorted. Readers see an immutable array through one
 * volatile read, so a card without poison costs the data path a load and a length test.
 */
final class PoisonList {
    /** offset, end pairs. */
    private volatile long[] ranges;
    /** Told of every change, under this list's lock (the card persists its state). */
    private final Runnable changed;

    PoisonList(List<MediaRange> initial, Runnable changed) {
        this.ranges = encode(merge(new ArrayList<>(initial)));
        this.changed = changed;
    }

    boolean isEmpty() {
        return ranges.length == 0;
    }

    /** The first poisoned byte in {@code [from, from + length)}, or -1. */
    long firstPoisoned(long from, long length) {
        long[] r = ranges;
        long to = from + length;
        for (int i = 0; i < r.length; i += 2) {
            if (r[i] >= to) {
                break;
            }
            if (r[i + 1] > from) {
                return Math.max(r[i], from);
            }
        }
        return -1;
    }

    synchronized void add(MediaRange range) {
        List<MediaRange> list = new ArrayList<>(list());
        list.add(range);
        set(merge(list));
    }

    /** Clears poison under {@code [from, from + length)}; returns whether there was any. */
    synchronized boolean clear(long from, long length) {
        if (firstPoisoned(from, length) < 0) {
            return false;
        }
        long to = from + length;
        List<MediaRange> list = new ArrayList<>();
        for (MediaRange r : list()) {
            if (!r.overlaps(from, to)) {
                list.add(r);
                continue;
            }
            if (r.offset() < from) {
                list.add(new MediaRange(r.offset(), from - r.offset()));
            }
            if (r.end() > to) {
                list.add(new MediaRange(to, r.end() - to));
            }
        }
        set(list);
        return true;
    }

    List<MediaRange> list() {
        long[] r = ranges;
        List<MediaRange> list = new ArrayList<>(r.length / 2);
        for (int i = 0; i < r.length; i += 2) {
            list.add(new MediaRange(r[i], r[i + 1] - r[i]));
        }
        return list;
    }

    private void set(List<MediaRange> list) {
        ranges = encode(list);
        changed.run();
    }

    private static long[] encode(List<MediaRange> list) {
        long[] r = new long[list.size() * 2];
        for (int i = 0; i < list.size(); i++) {
            r[2 * i] = list.get(i).offset();
            r[2 * i + 1] = list.get(i).end();
        }
        return r;
    }

    private static List<MediaRange> merge(List<MediaRange> list) {
        list.sort((a, b) -> Long.compare(a.offset(), b.offset()));
        List<MediaRange> merged = new ArrayList<>();
        for (MediaRange r : list) {
            MediaRange last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && r.offset() <= last.end()) {
                long end = Math.max(last.end(), r.end());
                merged.set(merged.size() - 1, new MediaRange(last.offset(), end - last.offset()));
            } else {
                merged.add(r);
            }
        }
        return merged;
    }
}
