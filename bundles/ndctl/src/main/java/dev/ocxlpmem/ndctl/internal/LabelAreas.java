package dev.ocxlpmem.ndctl.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.ocxlpmem.labels.BlankLabelAreaException;
import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.ndctl.LabelBackup;
import dev.ocxlpmem.ndctl.LabelState;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionMapping;

/**
 * The DIMMs' label areas as the service changes them: each wholesale rewrite saved first and marked
 * until it has finished, so that a crash half-way is reported rather than read as if nothing had
 * happened. The role checks are the service's.
 */
final class LabelAreas {
    private final LabelStore labels;
    private final LabelBackups backups;
    /** Per DIMM id: a wholesale rewrite (backup, mark, write, unmark) is one step for everyone else. */
    private final Map<String, Object> rewrites = new ConcurrentHashMap<>();

    LabelAreas(LabelStore labels, Path backups) {
        this.labels = labels;
        this.backups = new LabelBackups(backups);
    }

    void init(Dimm d, LabelVersion version, boolean force) throws NvdimmException {
        synchronized (rewrite(d)) {
            // init-labels itself cannot be torn; with -f the namespaces it drops are kept in a backup
            LabelBackup saved = force && labelState(d) != LabelState.BLANK ? backups.save(d.id(), labels.readArea(d),
                    "init-labels") : null;
            try {
                labels.init(d, version, force);
            } catch (LabelException e) {
                if (saved != null && !e.isFault()) {
                    backups.discard(d.id(), saved);
                }
                throw e;
            }
            backups.end(d.id()); // the area is whole now, whatever an earlier rewrite left
        }
    }

    void zero(Dimm d) throws NvdimmException {
        rewrite(d, "zero-labels", () -> labels.zero(d));
    }

    LabelReading read(Dimm d) throws NvdimmException {
        synchronized (rewrite(d)) {
            requireWhole(d, "read its labels");
            return labels.read(d);
        }
    }

    byte[] readArea(Dimm d) throws NvdimmException {
        return labels.readArea(d);
    }

    void write(Dimm d, byte[] area) throws NvdimmException {
        rewrite(d, "write-labels", () -> labels.write(d, area));
    }

    List<LabelBackup> backups(Dimm d) throws NvdimmException {
        return backups.list(d.id());
    }

    void restore(Dimm d, String backup) throws NvdimmException {
        synchronized (rewrite(d)) {
            byte[] area = backups.read(d.id(), backup, d.configSize().configSize());
            rewrite(d, "restore-labels", () -> labels.write(d, area));
        }
    }

    /** Enables {@code region} unless a wholesale rewrite of one of its DIMMs did not finish. */
    void enableIfWhole(Region region) throws NvdimmException {
        for (RegionMapping m : region.mappings()) {
            synchronized (rewrite(m.dimm())) {
                requireWhole(m.dimm(), "enable " + region.dev());
            }
        }
        region.enable();
    }

    @FunctionalInterface
    private interface Rewrite {
        void run() throws NvdimmException;
    }

    /**
     * A wholesale rewrite: the area saved, the DIMM marked, the rewrite, the mark removed. A
     * refusal (nothing written: the region is enabled, the size is wrong) removes the mark and the
     * backup again; a fault leaves the mark, so the area reads as possibly torn until restored.
     */
    private void rewrite(Dimm d, String command, Rewrite write) throws NvdimmException {
        synchronized (rewrite(d)) {
            LabelBackup saved = backups.save(d.id(), labels.readArea(d), command);
            backups.begin(d.id(), command, saved);
            try {
                write.run();
            } catch (NvdimmException e) {
                if (!e.isFault()) {
                    backups.end(d.id());
                    backups.discard(d.id(), saved);
                }
                throw e;
            }
            backups.end(d.id());
        }
    }

    private Object rewrite(Dimm d) {
        return rewrites.computeIfAbsent(d.id(), id -> new Object());
    }

    /**
     * Refuses while a wholesale rewrite of {@code d} began and did not finish. Callers hold
     * {@code rewrite(d)}: a mark seen then is one a crash or a fault left, not a rewrite in flight.
     */
    private void requireWhole(Dimm d, String what) throws NvdimmException {
        Optional<String[]> pending = backups.pending(d.id());
        if (pending.isPresent()) {
            String[] p = pending.get();
            throw new LabelException(torn(d, p) + ", so it cannot " + what);
        }
    }

    private static String torn(Dimm d, String[] pending) {
        String command = pending[0];
        String backup = pending.length > 2 ? pending[2] : "?";
        return d.dev() + "'s label area may be torn: " + command + " began at " + (pending.length > 1 ? pending[1] : "?")
                + " and did not finish; the area before it is saved as backup " + backup
                + ": restore it (ndctl:restore-labels -b " + backup + " " + d.dev() + ") or run " + command + " again";
    }

    List<LabelProblem> check(Dimm d) throws NvdimmException {
        synchronized (rewrite(d)) {
            Optional<String[]> pending = backups.pending(d.id());
            List<LabelProblem> problems = new ArrayList<>();
            if (pending.isPresent()) {
                problems.add(LabelProblem.error("label area", "rewrite", "finished", torn(d, pending.get())));
            }
            try {
                problems.addAll(labels.check(d));
            } catch (LabelException e) {
                if (problems.isEmpty()) {
                    throw e;
                }
            }
            return problems;
        }
    }

    /** What {@code d}'s area holds; {@link LabelState#DAMAGED} while a rewrite of it did not finish. */
    LabelState state(Dimm d) throws NvdimmException {
        synchronized (rewrite(d)) {
            return backups.pending(d.id()).isPresent() ? LabelState.DAMAGED : labelState(d);
        }
    }

    /** That of the region's DIMMs, the worst one first ({@link LabelState} order). */
    LabelState state(Region region) throws NvdimmException {
        LabelState worst = LabelState.NONE;
        for (RegionMapping m : region.mappings()) {
            LabelState s = state(m.dimm());
            if (s.compareTo(worst) < 0) {
                worst = s;
            }
        }
        return worst;
    }

    private LabelState labelState(Dimm dimm) throws NvdimmException {
        if (!dimm.flags().contains(DimmFlag.LABELING)) {
            return LabelState.NONE;
        }
        try {
            LabelReading reading = labels.read(dimm);
            return reading.isValid() && reading.problems().stream().noneMatch(LabelProblem::isFallback)
                    ? LabelState.VALID : LabelState.DAMAGED;
        } catch (BlankLabelAreaException e) {
            return LabelState.BLANK;
        } catch (LabelException e) {
            if (e.problems().isEmpty()) {
                throw e; // could not read the area at all
            }
            return LabelState.DAMAGED;
        }
    }
}
