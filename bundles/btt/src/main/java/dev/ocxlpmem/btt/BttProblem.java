package dev.ocxlpmem.btt;

import java.util.Objects;

/**
 * One thing wrong with a BTT, as {@code ndctl check-namespace} ({@code ndctl/check.c}) looks for it.
 *
 * @param kind what is wrong
 * @param arena the arena (0 for the first), or -1 when no arena could be found
 * @param offset byte offset in the namespace of the structure at fault (info block, map entry,
 *     log group, data block)
 * @param index the lane, LBA or internal block the problem is about (see {@link Kind}), or -1
 * @param value the offending on-media value, or -1
 * @param repairable whether {@code check} with repair fixes it: what ndctl's checker repairs
 * @param message one line a person can act on
 */
public record BttProblem(Kind kind, int arena, long offset, long index, long value, boolean repairable,
        String message) {

    /** The kinds of problem; {@code index} names what the comment says. */
    public enum Kind {
        /** No valid BTT info block at the start of the namespace, and none to recover from. */
        NO_BTT,
        /** An arena's info block fails its signature, checksum or parent-UUID check; {@code index} -1. */
        INFO_BLOCK_INVALID,
        /** The info block names another layout version than the one its position (label version) calls for. */
        INFO_BLOCK_VERSION,
        /** The info block's fields do not describe an arena that fits the namespace. */
        INFO_BLOCK_GEOMETRY,
        /** The info block's error flag is set: Linux refuses writes and ndctl's check stops. */
        INFO_BLOCK_ERROR_FLAG,
        /** The backup info block (at the arena's end) differs from the primary one. */
        INFO2_MISMATCH,
        /** The log uses neither the slot pair (0, 1) nor the pre-4.15 pair (0, 2); {@code index}: lane. */
        LOG_PADDING,
        /** Both log entries of a lane have the same sequence number; {@code index}: lane. */
        LOG_EQUAL_SEQ,
        /** A log sequence number is not 0 to 3; {@code index}: lane, {@code value}: the number. */
        LOG_SEQ_RANGE,
        /** A lane's current log entry names an LBA past the arena; {@code index}: lane. */
        LOG_LBA_RANGE,
        /** A lane's current log entry names an old block past the arena; {@code index}: lane. */
        LOG_OLD_RANGE,
        /** A lane's current log entry names a new block past the arena; {@code index}: lane. */
        LOG_NEW_RANGE,
        /** A map entry names a block past the arena; {@code index}: LBA. */
        MAP_RANGE,
        /**
         * A write was interrupted after its log entry and before its map entry: the map still names
         * the old block ({@code value}), the log the new one; {@code index}: LBA. Linux finishes the
         * write when it enables the namespace; ndctl's repair does the same.
         */
        INTERRUPTED_WRITE,
        /** An internal block is named by two map or log entries; {@code index}: block. */
        BLOCK_TWICE,
        /** An internal block is named by no map or log entry; {@code index}: block. */
        BLOCK_UNREFERENCED,
        /** Reading the BTT's metadata hit a media error. */
        MEDIA_ERROR,
        /** More problems than are listed; {@code value}: how many were left out. */
        MORE
    }

    public BttProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return message;
    }
}
