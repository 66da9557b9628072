package dev.ocxlpmem.btt;

import dev.ocxlpmem.memory.MediaErrorException;

/**
 * A sector whose data was lost to a media error: its BTT map entry carries the error flag (Linux
 * sets it when a read of the sector's block faults). Writing the sector clears the flag.
 * {@link #offset()} is the sector's byte offset in the device ({@code lba * sectorSize}), {@link #length()}
 * the sector size.
 */
public class BttSectorErrorException extends MediaErrorException {
    private static final long serialVersionUID = 1L;
    private final long lba;

    public BttSectorErrorException(long lba, long offset, long length, String message, Throwable cause) {
        super(offset, length, message, cause);
        this.lba = lba;
    }

    /** The sector that cannot be read. */
    public long lba() {
        return lba;
    }
}
