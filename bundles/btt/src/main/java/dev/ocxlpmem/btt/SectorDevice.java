package dev.ocxlpmem.btt;

import java.nio.ByteBuffer;

/**
 * Whole-sector access, as a block device gives it: what a sector-mode namespace offers
 * applications. Sector {@code lba} covers bytes {@code [lba * sectorSize(), (lba + 1) * sectorSize())}.
 *
 * <p>Writing one sector is atomic: after a crash at any point the sector reads entirely as it was or
 * entirely as written, and once {@code write} returns the sector survives a crash. A range is
 * written sector by sector, each atomic on its own, as a block device does it.
 *
 * <p>Implementations are thread-safe; writers of different sectors do not wait for one another.
 *
 * <p>A range outside the device (overflow included) is refused with
 * {@link IndexOutOfBoundsException}, a length that is not a whole number of sectors with
 * {@link IllegalArgumentException}, before anything is read or written. A sector whose data was lost
 * to a media error reads as {@link dev.ocxlpmem.memory.MediaErrorException}; writing it again makes
 * it readable.
 */
public interface SectorDevice {

    /** Bytes of data per sector: 512 or 4096. */
    int sectorSize();

    /** Number of sectors. */
    long sectorCount();

    /** Bytes of data: {@code sectorCount() * sectorSize()}. */
    default long size() {
        return sectorCount() * sectorSize();
    }

    /** Reads {@code length} bytes (whole sectors) from sector {@code lba} on into {@code dst}. */
    void read(long lba, byte[] dst, int offset, int length);

    /** Writes {@code length} bytes (whole sectors) of {@code src} to sector {@code lba} on. */
    void write(long lba, byte[] src, int offset, int length);

    /** Reads {@code dst.remaining()} bytes (whole sectors) from sector {@code lba} on, advancing its position. */
    void read(long lba, ByteBuffer dst);

    /** Writes {@code src.remaining()} bytes (whole sectors) to sector {@code lba} on, advancing its position. */
    void write(long lba, ByteBuffer src);
}
