package dev.ocxlpmem.btt.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttProblem;
import dev.ocxlpmem.btt.BttReading;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/**
 * What the {@link ArenaReader} read for an open: the arenas' states, kept until the one
 * {@link #open} hands them to the open BTT (which changes the map in them from then on), and
 * dropped at once when the BTT does not verify.
 */
final class VerifiedArenas implements BttReading {
    private final BttVersion version;
    private final UUID parent;
    private final long size;
    private final List<BttInfo> infos;
    private final List<BttProblem> problems;
    /** Why it does not open, or null. */
    private final String refusal;
    /** Until opened; null once opened, and from the start when it does not open. */
    private List<ArenaState> states;

    VerifiedArenas(BttVersion version, UUID parent, long size, List<ArenaState> states, List<BttProblem> problems) {
        this.version = version;
        this.parent = parent;
        this.size = size;
        this.infos = states.stream().map(a -> a.info).toList();
        this.problems = List.copyOf(problems);
        List<BttProblem> bad = new ArrayList<>();
        for (BttProblem p : problems) {
            if (p.kind() != BttProblem.Kind.INTERRUPTED_WRITE) {
                bad.add(p);
            }
        }
        this.refusal = bad.isEmpty() ? null : "the BTT " + version + " of namespace " + parent + " does not verify: "
                + bad.get(0).message() + (bad.size() > 1 ? " (and " + (bad.size() - 1) + " more problems)" : "");
        this.states = refusal == null ? List.copyOf(states) : null;
    }

    @Override
    public BttVersion version() {
        return version;
    }

    @Override
    public List<BttInfo> arenas() {
        return infos;
    }

    @Override
    public List<BttProblem> problems() {
        return problems;
    }

    @Override
    public boolean opens() {
        return refusal == null;
    }

    /**
     * Linux's recovery when it enables the namespace ({@code btt_freelist_init}): the map entries
     * of interrupted writes finished from the log, then free blocks freed in error zeroed.
     */
    @Override
    public Btt open(Mapping ns) throws BttException {
        if (refusal != null) {
            throw new BttException(refusal, problems);
        }
        if (ns.size() != size) {
            throw new IllegalArgumentException("the BTT " + version + " of namespace " + parent + " was read from "
                    + size + " bytes; this mapping has " + ns.size());
        }
        List<ArenaState> taken;
        synchronized (this) {
            taken = states;
            states = null;
        }
        if (taken == null) {
            throw new IllegalStateException("the BTT " + version + " of namespace " + parent + " was opened from this"
                    + " reading already: read it again to open it again");
        }
        for (ArenaState a : taken) {
            for (int[] fix : a.fixes) {
                long at = a.mapOff + (long) fix[0] * BttMapEntry.SIZE;
                ns.putInt(at, fix[1]);
                ns.persist(at, BttMapEntry.SIZE);
            }
        }
        BttDevice device = new BttDevice(version, taken, ns);
        device.clearFreeBlockErrors();
        return device;
    }
}
