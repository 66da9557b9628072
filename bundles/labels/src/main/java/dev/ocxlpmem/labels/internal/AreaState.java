package dev.ocxlpmem.labels.internal;

import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.UUID;

import dev.ocxlpmem.labels.IndexBlock;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;

/**
 * What the store keeps of a DIMM's area between updates, so that an update costs the same with
 * one label or sixty thousand: both index blocks as on media, the current one's free slots, and
 * the active labels by namespace and by DPA.
 *
 * <p>The update protocol (UEFI 2.7 §13.19.3; Linux {@code label.c} {@code __pmem_label_update}):
 * a new label goes to a slot the current index calls free, then the next index block, a copy of
 * the current one with that slot taken (and the replaced label's slot freed), is written with the
 * successor sequence number and becomes current.
 */
final class AreaState {
    final LabelGeometry geometry;
    /** Slots the bitmap covers: where free slots are looked for. */
    private final int scanNslot;
    /** The {@code nslot} field the current block carries, written back unchanged. */
    private final long storedNslot;
    private final byte[] indexImage;
    private final BitSet free;
    private int freeCount;
    /** No slot below this one is free: where the search for the lowest free slot starts. */
    private int lowestFreeFrom;
    private final List<LabelProblem> errors;
    private int current;
    private int seq;
    private List<NamespaceLabel> initialLabels;
    private Map<UUID, NamespaceLabel> byUuid;
    private NavigableMap<Long, NamespaceLabel> byDpa;

    private AreaState(LabelGeometry geometry, byte[] indexImage, int current, int seq, long storedNslot,
            int scanNslot, List<NamespaceLabel> labels, List<LabelProblem> errors) {
        this.geometry = geometry;
        this.indexImage = indexImage;
        this.current = current;
        this.seq = seq;
        this.storedNslot = storedNslot;
        this.scanNslot = scanNslot;
        this.initialLabels = labels;
        this.errors = errors;
        int off = geometry.blockOffset(current) + IndexBlockCodec.FREE;
        this.free = BitSet.valueOf(Arrays.copyOfRange(indexImage, off, off + (scanNslot + 7) / 8));
        this.free.clear(scanNslot, Math.max(scanNslot, free.length()));
        this.freeCount = free.cardinality();
    }

    static AreaState of(ParsedArea parsed, byte[] area) {
        LabelReading r = parsed.reading();
        LabelGeometry g = parsed.geometry();
        IndexBlock cur = r.currentIndex();
        byte[] image = Arrays.copyOf(area, 2 * g.indexSize());
        return new AreaState(g, image, r.current(), cur.effectiveSeq(), cur.nslot(), parsed.scanNslot(),
                r.labels(), r.errors());
    }

    /** After {@code init}: block 0 current. */
    static AreaState fresh(LabelGeometry g, byte[] block0, byte[] block1) {
        byte[] image = new byte[2 * g.indexSize()];
        System.arraycopy(block0, 0, image, 0, g.indexSize());
        System.arraycopy(block1, 0, image, g.indexSize(), g.indexSize());
        return new AreaState(g, image, 0, Bytes.i32(block0, IndexBlockCodec.SEQ) & 3, g.nslot(), g.nslot(),
                List.of(), List.of());
    }

    LabelVersion version() {
        return geometry.version();
    }

    /** Both index blocks as this state believes they are on media. */
    boolean matches(byte[] indexBlocks) {
        return Arrays.equals(indexImage, indexBlocks);
    }

    List<LabelProblem> errors() {
        return errors;
    }

    int freeSlots() {
        return freeCount;
    }

    /** Linux takes the lowest free slot; -1 when none. */
    int lowestFree() {
        int slot = free.nextSetBit(lowestFreeFrom);
        lowestFreeFrom = slot < 0 ? scanNslot : slot;
        return slot;
    }

    int nslot() {
        return scanNslot;
    }

    NamespaceLabel label(UUID uuid) {
        index();
        return byUuid.get(uuid);
    }

    /**
     * A label other than {@code except}'s whose range meets [dpa, end), or null. The labels of an
     * area without errors do not overlap, so looking down from the last one starting before
     * {@code end} can stop at the first that ends at or before {@code dpa}.
     */
    NamespaceLabel overlapping(long dpa, long end, UUID except) {
        index();
        Map.Entry<Long, NamespaceLabel> e = byDpa.lowerEntry(end);
        while (e != null) {
            NamespaceLabel l = e.getValue();
            if (Long.compareUnsigned(l.dpa() + l.rawSize(), dpa) <= 0) {
                return null;
            }
            if (!l.uuid().equals(except)) {
                return l;
            }
            e = byDpa.lowerEntry(e.getKey());
        }
        return null;
    }

    private void index() {
        if (byUuid == null) {
            byUuid = new HashMap<>(initialLabels.size() * 2);
            byDpa = new TreeMap<>(Long::compareUnsigned);
            for (NamespaceLabel l : initialLabels) {
                byUuid.put(l.uuid(), l);
                byDpa.put(l.dpa(), l);
            }
            initialLabels = null;
        }
    }

    int nextBlock() {
        return 1 - current;
    }

    /** Offset of the block the next commit writes. */
    int nextBlockOffset() {
        return geometry.blockOffset(nextBlock());
    }

    /**
     * The next index block: the current one with {@code take} in use and {@code release} free
     * (either -1 for none), the successor sequence number, and its own offsets and checksum.
     */
    byte[] nextIndex(int take, int release) {
        int size = geometry.indexSize();
        byte[] b = Arrays.copyOfRange(indexImage, geometry.blockOffset(current), geometry.blockOffset(current) + size);
        if (take >= 0) {
            IndexBlockCodec.setFree(b, take, false);
        }
        if (release >= 0) {
            IndexBlockCodec.setFree(b, release, true);
        }
        IndexBlockCodec.seal(b, geometry, nextBlock(), IndexBlockCodec.nextSeq(seq), storedNslot);
        return b;
    }

    /** The next index block is durable: it is current now. */
    void committed(byte[] block, NamespaceLabel added, NamespaceLabel removed) {
        index();
        System.arraycopy(block, 0, indexImage, nextBlockOffset(), block.length);
        current = nextBlock();
        seq = IndexBlockCodec.nextSeq(seq);
        if (removed != null) {
            free.set(removed.slot());
            freeCount++;
            lowestFreeFrom = Math.min(lowestFreeFrom, removed.slot());
            // a replacement for the same namespace or at the same place just overwrites the entry
            if (added == null || !added.uuid().equals(removed.uuid())) {
                byUuid.remove(removed.uuid());
            }
            if (added == null || added.dpa() != removed.dpa()) {
                byDpa.remove(removed.dpa());
            }
        }
        if (added != null) {
            free.clear(added.slot());
            freeCount--;
            byUuid.put(added.uuid(), added);
            byDpa.put(added.dpa(), added);
        }
    }
}
