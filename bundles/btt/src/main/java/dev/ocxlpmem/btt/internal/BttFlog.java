package dev.ocxlpmem.btt.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The BTT log ("flog"), {@code struct log_group} of Linux {@code btt.h}: per lane a 64-byte group
 * of four 16-byte slots, two of which hold entries ({@code lba}, {@code old_map}, {@code new_map},
 * {@code seq}, each a little-endian u32) and two are zero padding. Since Linux 4.15 the entries are
 * in slots 0 and 1; older kernels used 0 and 2 ({@code log_set_indices}). The entry with the
 * newer sequence number (1, 2, 3, 1, ... ; 0 is an unused slot) is the lane's current one: its
 * {@code old_map} is the lane's free block.
 */
final class BttFlog {
    static final int GROUP_SIZE = 64;
    static final int ENTRY_SIZE = 16;

    /** One log entry, fields as on the media (flags included). */
    record Entry(int lba, int oldMap, int newMap, int seq) {

        /** The first 8 bytes as one little-endian long: {@code lba}, {@code old_map}. */
        long firstHalf() {
            return Integer.toUnsignedLong(lba) | (long) oldMap << 32;
        }

        /** The last 8 bytes: {@code new_map}, {@code seq}. */
        long secondHalf() {
            return Integer.toUnsignedLong(newMap) | (long) seq << 32;
        }
    }

    private BttFlog() {
    }

    static Entry entry(ByteBuffer log, int lane, int slot) {
        int at = lane * GROUP_SIZE + slot * ENTRY_SIZE;
        return new Entry(log.getInt(at), log.getInt(at + 4), log.getInt(at + 8), log.getInt(at + 12));
    }

    /** The next sequence number: 1, 2, 3, 1 ({@code nd_inc_seq}); 0 stays 0. */
    static int nextSeq(int seq) {
        return switch (seq & 3) {
            case 1 -> 2;
            case 2 -> 3;
            case 3 -> 1;
            default -> 0;
        };
    }

    /**
     * Which of a lane's two entries is the older one, 0 or 1 ({@code btt_log_get_old}): an unused
     * first slot (sequence 0) is the older; otherwise the one its successor follows.
     */
    static int older(int seq0, int seq1) {
        if (seq0 == 0) {
            return 0;
        }
        if (seq0 < seq1) {
            return seq1 - seq0 == 1 ? 0 : 1;
        }
        return seq0 - seq1 == 1 ? 1 : 0;
    }

    /** The log of a fresh arena: slot 0 of each lane names free block {@code externalNlba + lane}, sequence 1. */
    static byte[] initialLog(int size, int nfree, int externalNlba) {
        byte[] log = new byte[size];
        ByteBuffer buf = ByteBuffer.wrap(log).order(ByteOrder.LITTLE_ENDIAN);
        for (int lane = 0; lane < nfree; lane++) {
            int at = lane * GROUP_SIZE;
            buf.putInt(at, lane);
            buf.putInt(at + 4, externalNlba + lane);
            buf.putInt(at + 8, externalNlba + lane);
            buf.putInt(at + 12, 1);
        }
        return log;
    }

    /**
     * The two slots that hold entries ({@code log_set_indices}): {0, 1} or {0, 2}, found from the
     * first lane that is past its initial state (three zero slots); {0, 1} when every lane is
     * still initial. Returns null for any other arrangement.
     */
    static int[] slots(ByteBuffer log, int nfree) {
        int[] found = {-1, -1};
        int next = 0;
        boolean initial = true;
        for (int lane = 0; lane < nfree; lane++) {
            int padding = 0;
            for (int slot = 0; slot < 4; slot++) {
                int at = lane * GROUP_SIZE + slot * ENTRY_SIZE;
                boolean pad = log.getLong(at) == 0 && log.getLong(at + 8) == 0;
                if (next < 2) {
                    if (pad) {
                        padding++;
                        continue;
                    }
                    if (next == 1 && slot == found[0]) {
                        continue;
                    }
                    found[next++] = slot;
                } else if (slot == found[0]) {
                    if (pad) {
                        return null;
                    }
                } else if (slot != found[1] && !pad) {
                    return null;
                }
            }
            if (padding < 3) {
                initial = false;
            }
        }
        if (initial) {
            found[1] = 1;
        } else if (next < 2) {
            return null;
        }
        if (found[0] == 0 && (found[1] == 1 || found[1] == 2)) {
            return found;
        }
        return null;
    }
}
