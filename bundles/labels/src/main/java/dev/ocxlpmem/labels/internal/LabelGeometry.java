package dev.ocxlpmem.labels.internal;

import dev.ocxlpmem.labels.LabelVersion;

/**
 * Where things are in a label area of a given size and version: index block size, slot count,
 * first label. The slot count follows Linux ≥ 5.x and ndctl ({@code label.c}
 * {@code nvdimm_num_label_slots}): size the index for {@code configSize / labelSize} slots, then
 * fit as many labels as the rest of the area holds.
 */
record LabelGeometry(long configSize, LabelVersion version, int indexSize, int nslot) {
    /** Index blocks are multiples of 256 bytes ({@code NSINDEX_ALIGN}). */
    static final int INDEX_ALIGN = 256;
    /** The fixed part of an index block, before the free bitmap. */
    static final int INDEX_HEADER = 72;
    /** Linux refuses smaller areas ({@code ND_LABEL_MIN_SIZE}: 4 × 256 bytes). */
    static final int MIN_AREA = 1024;
    /** This store keeps an area in one Java array. */
    static final long MAX_AREA = Integer.MAX_VALUE - 8;

    static LabelGeometry of(long configSize, LabelVersion version) {
        if (configSize < MIN_AREA || configSize > MAX_AREA) {
            throw new IllegalArgumentException("a label area of " + configSize + " bytes is outside "
                    + MIN_AREA + ".." + MAX_AREA);
        }
        int labelSize = version.labelSize();
        long roughSlots = configSize / labelSize;
        long blocks = indexSize(roughSlots) / INDEX_ALIGN;
        long nslot = (configSize - 2 * INDEX_ALIGN * blocks) / labelSize;
        return new LabelGeometry(configSize, version, (int) indexSize(nslot), (int) nslot);
    }

    /** {@code ALIGN(72 + ceil(nslot / 8), 256)}. */
    static long indexSize(long nslot) {
        long raw = INDEX_HEADER + (nslot + 7) / 8;
        return (raw + INDEX_ALIGN - 1) / INDEX_ALIGN * INDEX_ALIGN;
    }

    int labelSize() {
        return version.labelSize();
    }

    int blockOffset(int block) {
        return block * indexSize;
    }

    /** {@code labeloff}: the labels follow the two index blocks. */
    int labelOffset() {
        return 2 * indexSize;
    }

    int slotOffset(int slot) {
        return labelOffset() + slot * labelSize();
    }

    /** Whether an index block's {@code nslot} fits this area (Linux's check). */
    boolean fits(long storedNslot) {
        return storedNslot * labelSize() + 2L * indexSize <= configSize;
    }
}
