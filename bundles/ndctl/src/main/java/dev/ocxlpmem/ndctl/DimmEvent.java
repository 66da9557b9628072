package dev.ocxlpmem.ndctl;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.scm.ErrorLogEntry;

/**
 * One line of {@code ndctl monitor}: a DIMM, which of the watched events fired, and its health
 * then ({@link NdctlJson#monitorEvent} prints it as ndctl does).
 *
 * @param timestamp when it was seen
 * @param dimm the DIMM
 * @param watched the events the monitor watches ({@code event} lists each with true or false)
 * @param fired those of them that fired
 * @param health the DIMM's health, read when the event was seen; empty if it could not be read
 * @param entries for {@link DimmEventType#ERROR_LOG}, the entries logged since the last event
 */
public record DimmEvent(Instant timestamp, DimmInfo dimm, Set<DimmEventType> watched, Set<DimmEventType> fired,
        Optional<DimmHealth> health, List<ErrorLogEntry> entries) {
    public DimmEvent {
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(dimm, "dimm");
        watched = Set.copyOf(watched);
        fired = Set.copyOf(fired);
        Objects.requireNonNull(health, "health");
        entries = List.copyOf(entries);
    }
}
