package dev.ocxlpmem.btt.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.btt.BttCheckResult;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttProblem.Kind;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MediaErrorException;

/**
 * {@code ndctl check-namespace} on a BTT ({@code ndctl/check.c}, ndctl 76): the first info block
 * looked for as ndctl looks for it (a BTT 1.1 one at 4 KiB, a BTT 2.0 one at 0, else one recovered
 * from a backup), then every arena read and verified by the {@link ArenaReader}, which with
 * {@code repair} repairs what ndctl repairs.
 */
final class BttCheck {
    private final ArenaReader reader;
    private final Mapping ns;

    private BttCheck(ArenaReader reader) {
        this.reader = reader;
        this.ns = reader.ns;
    }

    /** See {@link dev.ocxlpmem.btt.BttDriver#check}. */
    static BttCheckResult check(Mapping ns, UUID parent, boolean repair, long maxArena) {
        ArenaReader reader = new ArenaReader(ns, parent, repair, maxArena);
        try {
            new BttCheck(reader).locateAndCheck();
        } catch (MediaErrorException e) {
            reader.mediaError(e);
        }
        return reader.result();
    }

    /** ndctl: a BTT 1.1 info block at 4 KiB, else a BTT 2.0 one at 0, else one recovered from a backup. */
    private void locateAndCheck() {
        for (BttVersion v : List.of(BttVersion.V1_1, BttVersion.V2_0)) {
            byte[] b = BttInfoBlock.read(ns, v.offset());
            if (b != null && reader.verify(b) == null) {
                reader.discover(v, b);
                reader.checkArenas();
                return;
            }
        }
        for (BttVersion v : List.of(BttVersion.V1_1, BttVersion.V2_0)) {
            long[] at = new long[1];
            byte[] backup = recoverFirst(v, at);
            if (backup != null) {
                reader.restore(0, v.offset(), backup, at[0], "the namespace's first BTT info block");
                if (!reader.stopped()) {
                    reader.discover(v, backup);
                    reader.checkArenas();
                }
                return;
            }
        }
        reader.problem(Kind.NO_BTT, -1, 0, -1, -1, false, "no valid BTT info block at offset 0x1000 or 0, and none to "
                + "recover from a backup: this is not a sector-mode namespace, or its BTT is lost");
    }

    /**
     * ndctl's {@code __btt_recover_first_sb}: a valid backup of the first info block of a BTT
     * starting at {@code v.offset()}, from the end of the first arena, or (several arenas) from the
     * end of the last one with the first arena's own fields, or from where the damaged block's
     * {@code info2off} points. Only a backup whose version belongs at that offset counts.
     */
    private byte[] recoverFirst(BttVersion v, long[] at) {
        long off = v.offset();
        long remaining = ns.size() - off;
        if (remaining < BttLayout.ARENA_MIN_SIZE) {
            return null;
        }
        int estimated = 0;
        while (remaining > 0) {
            if (remaining > reader.maxArena) {
                remaining -= reader.maxArena;
                estimated++;
            } else {
                if (remaining >= BttLayout.ARENA_MIN_SIZE) {
                    remaining = 0;
                    estimated++;
                }
                break;
            }
        }
        byte[] damaged = BttInfoBlock.read(ns, off);
        long end = ArenaReader.roundDown(ns.size() - remaining, BttLayout.PAGE) - BttInfoBlock.SIZE;
        byte[] found = validBackup(estimated == 1 ? end : reader.maxArena - BttInfoBlock.SIZE + off, v, at);
        if (found == null && estimated > 1 && damaged != null) {
            byte[] last = BttInfoBlock.read(ns, end);
            if (last != null && reader.verify(last) == null) {
                // the fields every arena shares from the last one, the first arena's own from the damaged block
                byte[] merged = last.clone();
                for (int field : new int[] {BttInfoBlock.FLAGS, BttInfoBlock.EXTERNAL_NLBA,
                        BttInfoBlock.INTERNAL_NLBA}) {
                    System.arraycopy(damaged, field, merged, field, 4);
                }
                for (int field : new int[] {BttInfoBlock.NEXTOFF, BttInfoBlock.DATAOFF, BttInfoBlock.MAPOFF,
                        BttInfoBlock.LOGOFF, BttInfoBlock.INFO2OFF, BttInfoBlock.CHECKSUM}) {
                    System.arraycopy(damaged, field, merged, field, 8);
                }
                if (reader.verify(merged) == null && BttVersion.of(BttInfoBlock.decode(merged, 0).versionMajor(),
                        BttInfoBlock.decode(merged, 0).versionMinor()) == v) {
                    at[0] = end;
                    found = merged;
                }
            }
        }
        if (found == null && damaged != null) {
            long info2 = ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).getInt(BttInfoBlock.INFO2OFF) & 0xffffffffL;
            if (info2 != 0 && info2 <= Math.min(ns.size() - BttInfoBlock.SIZE, reader.maxArena - BttInfoBlock.SIZE + off)) {
                found = validBackup(info2 + off, v, at);
            }
        }
        return found;
    }

    private byte[] validBackup(long offset, BttVersion v, long[] at) {
        byte[] b = BttInfoBlock.read(ns, offset);
        if (b == null || reader.verify(b) != null) {
            return null;
        }
        BttInfo info = BttInfoBlock.decode(b, offset);
        if (BttVersion.of(info.versionMajor(), info.versionMinor()) != v) {
            return null;
        }
        at[0] = offset;
        return b;
    }
}
