package dev.ocxlpmem.labels.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.labels.LabelReading;

/**
 * The writes of {@code init-labels}, in an order that a crash cannot tear: after each one, and in
 * the middle of each, the area reads as before (its namespaces) or after (a fresh index with no
 * namespace), never as neither. The end result is ndctl's bytes: block 0 current with seq 3,
 * block 1 with seq 2, every slot zero.
 *
 * <ol>
 * <li>If an index is valid, both its blocks are rewritten first as fresh, empty blocks of the old
 * geometry, the non-current one first with the next sequence number (so it becomes current and the
 * area reads as empty), then the other. Each goes down with seq 0, then its seq, as every index
 * write here does.</li>
 * <li>Then the two blocks of the new geometry: seq 2 in block 1 and seq 3 in block 0. When the
 * version changes, the blocks of the two geometries overlap, so the first new block written is one
 * that leaves an old (empty) block intact.</li>
 * <li>Then everything after the new index blocks is zeroed; it holds no label the index uses.</li>
 * </ol>
 */
final class InitSequence {
    /** One write: the bytes at an offset, staged (seq 0 first, then the seq) when an index block. */
    record Write(long offset, byte[] data, boolean indexBlock) {
    }

    private InitSequence() {
    }

    /**
     * @param current the area as it reads now, or null when no index is valid
     * @param oldGeometry its geometry, when {@code current} is not null
     * @param target the geometry to initialise
     */
    static List<Write> of(LabelReading current, LabelGeometry oldGeometry, LabelGeometry target, int zeroChunk) {
        List<Write> writes = new ArrayList<>();
        boolean firstBlock0 = false;
        if (current != null) {
            int c = current.current();
            int seq = current.currentIndex().effectiveSeq();
            int next = IndexBlockCodec.nextSeq(seq);
            writes.add(block(oldGeometry, 1 - c, next));
            writes.add(block(oldGeometry, c, IndexBlockCodec.nextSeq(next)));
            // With another geometry, the new block written first must spare one old block.
            firstBlock0 = !oldGeometry.equals(target) && overlapsBoth(target, 1, oldGeometry);
        }
        if (firstBlock0) {
            writes.add(block(target, 0, 3));
            writes.add(block(target, 1, 2));
        } else {
            writes.add(block(target, 1, 2));
            writes.add(block(target, 0, 3));
        }
        long end = target.configSize();
        for (long at = target.labelOffset(); at < end; at += zeroChunk) {
            writes.add(new Write(at, new byte[(int) Math.min(zeroChunk, end - at)], false));
        }
        return writes;
    }

    private static Write block(LabelGeometry g, int block, int seq) {
        return new Write(g.blockOffset(block), IndexBlockCodec.fresh(g, block, seq), true);
    }

    /** Whether new block {@code block} of {@code g} overlaps both blocks of {@code old}. */
    private static boolean overlapsBoth(LabelGeometry g, int block, LabelGeometry old) {
        long start = g.blockOffset(block);
        long end = start + g.indexSize();
        for (int b = 0; b < 2; b++) {
            long s = old.blockOffset(b);
            if (end <= s || start >= s + old.indexSize()) {
                return false;
            }
        }
        return true;
    }
}
