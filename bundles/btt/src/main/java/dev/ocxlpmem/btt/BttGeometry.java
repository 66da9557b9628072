package dev.ocxlpmem.btt;

/**
 * What a BTT of a given LBA size makes of a namespace, as Linux lays it out: the sizes
 * {@code ndctl create-namespace -m sector} prints.
 *
 * @param version the layout
 * @param lbaSize external LBA size
 * @param sectorSize data bytes per sector (512 or 4096)
 * @param sectorCount sectors the BTT exports, over all arenas
 * @param arenas number of arenas (one per 512 GiB, the last at least 16 MiB)
 */
public record BttGeometry(BttVersion version, int lbaSize, int sectorSize, long sectorCount, int arenas) {

    /** The BTT's size in bytes, the {@code size} ndctl lists for a sector namespace. */
    public long size() {
        return sectorCount * sectorSize;
    }
}
