package dev.ocxlpmem.labels.internal;

import java.util.List;

import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;

/**
 * The outcome of validating an area: a reading when an index block is valid, else only the
 * problems that say why not.
 *
 * @param geometry the geometry of the version found (or the one the problems refer to); null when
 *     the area is too small for any
 * @param reading null when no index block is valid
 * @param problems everything found (the reading's problems when there is a reading)
 * @param scanNslot slots the current index's bitmap covers (0 without a reading)
 * @param blank nothing was ever committed to the area (see {@code AreaParser}); then there is no reading
 */
record ParsedArea(LabelGeometry geometry, LabelReading reading, List<LabelProblem> problems, int scanNslot,
        boolean blank) {
}
