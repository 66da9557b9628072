package dev.ocxlpmem.labels;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A label area as read and validated at one moment: immutable.
 *
 * @param dev the DIMM, {@code nmemN}
 * @param configSize the label area's size in bytes
 * @param version the version of the valid index block(s)
 * @param indexBlocks both index blocks, as found
 * @param current which index block is current (0 or 1)
 * @param nslot label slots the current index block manages
 * @param freeSlots slots the current index block marks free
 * @param labels the labels in slots the current index marks in use, in slot order, without the
 *     ones Linux would skip (wrong {@code slot} field or, at 1.2, a bad checksum)
 * @param problems everything validation found, errors and warnings
 */
public record LabelReading(
        String dev,
        long configSize,
        LabelVersion version,
        List<IndexBlock> indexBlocks,
        int current,
        int nslot,
        int freeSlots,
        List<NamespaceLabel> labels,
        List<LabelProblem> problems) {

    public LabelReading {
        indexBlocks = List.copyOf(indexBlocks);
        labels = List.copyOf(labels);
        problems = List.copyOf(problems);
    }

    public IndexBlock currentIndex() {
        return indexBlocks.get(current);
    }

    public Optional<NamespaceLabel> label(UUID uuid) {
        return labels.stream().filter(l -> l.uuid().equals(uuid)).findFirst();
    }

    public List<LabelProblem> errors() {
        return problems.stream().filter(LabelProblem::isError).toList();
    }

    /** No errors (warnings allowed). */
    public boolean isValid() {
        return problems.stream().noneMatch(LabelProblem::isError);
    }
}
