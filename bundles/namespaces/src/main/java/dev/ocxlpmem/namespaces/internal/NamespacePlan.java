package dev.ocxlpmem.namespaces.internal;

import java.util.UUID;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * A create or reconfigure that the rules accepted: everything the lifecycle writes, and what
 * Linux will then list. Nothing has been written.
 *
 * @param id the {@code M} of the {@code namespaceR.M} it fills or reconfigures
 * @param mode the new mode
 * @param labelUuid the label's (new) uuid; {@code null} when the namespace stays label-less
 * @param name the label's name
 * @param dpa where the namespace starts on the DIMM
 * @param rawSize its size, the label's {@code rawsize}
 * @param lbaSize the label's {@code lbasize} (0, 512 or 4096)
 * @param abstraction what the label records as its claim (v1.2 labels only)
 * @param align the fsdax/devdax mapping alignment, 0 for raw and sector
 * @param infoBlock the PFN or DAX info block to write at 4 KiB, {@code null} for raw and sector
 * @param sectorSize for sector mode the BTT's sector size, else the namespace's
 * @param listedSize what {@code ndctl list} will show as its size; for sector mode the BTT decides (-1)
 * @param initLabels whether the label area must first be initialized (version 1.2), as ndctl's
 *     autolabel does when a label-less namespace is reconfigured
 * @param clearInfoBlock whether the namespace's first 8 KiB are cleared first, as ndctl clears them
 *     before any reconfigure
 */
record NamespacePlan(
        int id,
        NamespaceMode mode,
        UUID labelUuid,
        String name,
        long dpa,
        long rawSize,
        long lbaSize,
        Abstraction abstraction,
        long align,
        PfnInfoBlock infoBlock,
        int sectorSize,
        long listedSize,
        boolean initLabels,
        boolean clearInfoBlock) {

    /** What the labels bundle writes, for a labeled plan. */
    NamespaceSpec labelSpec() {
        if (labelUuid == null) {
            throw new IllegalStateException("a label-less namespace has no label");
        }
        return new NamespaceSpec(labelUuid, name, dpa, rawSize, lbaSize, abstraction);
    }
}
