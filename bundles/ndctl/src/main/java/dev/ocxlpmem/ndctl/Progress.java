package dev.ocxlpmem.ndctl;

/** How far a long operation has come (firmware sent, media overwritten), for a progress bar. */
@FunctionalInterface
public interface Progress {
    Progress NONE = (done, total) -> { };

    /** {@code done} of {@code total} units (bytes, percent); called with done == total at the end. */
    void update(long done, long total);
}
