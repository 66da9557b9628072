package dev.ocxlpmem.btt.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.btt.BttInfo;

/** What the {@link ArenaReader} learned about one arena, offsets absolute (in the namespace). */
final class ArenaState {
    int number;
    BttInfo info;
    byte[] infoBytes;
    long size;
    long externalLbaStart;
    long dataOff;
    long mapOff;
    long logOff;
    long info2Off;
    int externalNlba;
    int internalNlba;
    int externalLbaSize;
    int internalLbaSize;
    int nfree;
    /** The two log slots that hold entries. */
    int[] slots;
    /** Per lane: the current entry, and which of {@code slots} holds it. */
    BttFlog.Entry[] current;
    int[] currentSlot;
    /** Raw map entries, with the updates of {@link #fixes} applied. */
    int[] map;
    /** Map updates that finish interrupted writes: {lba, entry}. */
    final List<int[]> fixes = new ArrayList<>();
}
