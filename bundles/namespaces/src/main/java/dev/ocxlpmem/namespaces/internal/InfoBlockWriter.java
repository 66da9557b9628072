package dev.ocxlpmem.namespaces.internal;

import java.util.UUID;

import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * What a namespace's claim writes on the region's memory, each write persisted before it returns:
 * the PFN or DAX info block, or for sector mode a fresh BTT, and the clearing of the first 8 KiB
 * that comes before them. Each is written before the label that claims it: a crash in between
 * leaves free space (create) or a namespace that reads raw (reconfigure), never a label over half
 * a BTT; the BTT's primary info block is its last write.
 */
final class InfoBlockWriter {
    private final Mapping memory;
    private final BttDriver btt;

    /** @param memory the region's memory, DPA 0 at its start */
    InfoBlockWriter(Mapping memory, BttDriver btt) {
        this.memory = memory;
        this.btt = btt;
    }

    /** Clears the first 8 KiB of an extent unless they are zero; whether anything was written. */
    boolean clear(long dpa, long size) {
        return InfoBlocks.clear(memory.slice(dpa, Math.min(size, InfoBlocks.CLEARED)));
    }

    /**
     * The plan's info block, or its BTT, whose version goes with the claim class its label will be
     * read with ({@code nd_btt_version}).
     */
    void write(NamespacePlan plan, ClaimClass claimClass) throws BttException {
        Mapping namespace = memory.slice(plan.dpa(), plan.rawSize());
        if (plan.mode() == NamespaceMode.SECTOR) {
            btt.format(namespace, bttSpec(plan, claimClass)).close();
        } else if (plan.infoBlock() != null) {
            InfoBlocks.write(namespace, plan.infoBlock());
        }
    }

    /** A BTT that would not fit is refused before anything is written. */
    void requireBttFits(String dev, NamespacePlan plan, ClaimClass claimClass) throws NamespaceException {
        if (plan.mode() == NamespaceMode.SECTOR) {
            try {
                btt.geometry(plan.rawSize(), plan.sectorSize(), BttProbe.version(claimClass));
            } catch (IllegalArgumentException e) {
                throw new NamespaceException(dev + ": " + e.getMessage());
            }
        }
    }

    /** What {@code create-namespace -m sector -l} asks of the BTT. */
    private static BttSpec bttSpec(NamespacePlan plan, ClaimClass claimClass) {
        return new BttSpec(UUID.randomUUID(), plan.labelUuid() == null ? UuidBytes.NIL : plan.labelUuid(),
                plan.sectorSize(), BttProbe.version(claimClass));
    }
}
