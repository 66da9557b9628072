package dev.ocxlpmem.namespaces.internal;

import java.util.UUID;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * Linux's {@code enum nvdimm_claim_class}: which info block may claim a namespace, from its label's
 * abstraction GUID ({@code label.c guid_to_nvdimm_cclass}). Version 1.1 labels have no GUID: their
 * class is {@link #NONE}, and every probe may claim the namespace ({@code nd_pmem_probe} tries the
 * BTT, then PFN, then DAX info block).
 */
enum ClaimClass {
    /** No abstraction (all-zero GUID, or a v1.1 label): any info block found claims it. */
    NONE,
    /** BTT of UEFI 2.7 ({@code nvdimm_btt_guid}, 8aed63a2-...). */
    BTT,
    /** BTT as Linux writes it for v1.2 labels ({@code nvdimm_btt2_guid}, 18633bfc-...). */
    BTT2,
    /** fsdax ({@code nvdimm_pfn_guid}). */
    PFN,
    /** devdax ({@code nvdimm_dax_guid}). */
    DAX,
    /** A GUID Linux does not know: no probe claims the namespace, it stays raw. */
    UNKNOWN;

    /** {@code nsl_get_claim_class}. */
    static ClaimClass of(NamespaceLabel label) {
        UUID guid = label.abstractionGuid();
        if (guid == null) {
            return NONE;
        }
        return Abstraction.of(guid).map(ClaimClass::of).orElse(UNKNOWN);
    }

    /**
     * The claim class a label of {@code version} written for {@code abstraction} reads back with:
     * a v1.1 label has no abstraction GUID, so none, whatever the plan's abstraction.
     */
    static ClaimClass recorded(Abstraction abstraction, LabelVersion version) {
        return version == LabelVersion.V1_2 ? of(abstraction) : NONE;
    }

    static ClaimClass of(Abstraction abstraction) {
        switch (abstraction) {
            case NONE:
                return NONE;
            case BTT:
                return BTT;
            case BTT2:
                return BTT2;
            case PFN:
                return PFN;
            case DAX:
                return DAX;
            default:
                return UNKNOWN;
        }
    }

    /**
     * The abstraction Linux records for a namespace set up in {@code mode} ({@code holder_class}
     * through {@code to_abstraction_guid}); for sector mode {@code btt_claim_class} picks BTT2 on
     * v1.2 labels (the only labels with a GUID).
     */
    static Abstraction abstractionFor(NamespaceMode mode) {
        switch (mode) {
            case FSDAX:
                return Abstraction.PFN;
            case DEVDAX:
                return Abstraction.DAX;
            case SECTOR:
                return Abstraction.BTT2;
            default:
                return Abstraction.NONE;
        }
    }

    /** Whether the BTT probe may claim ({@code nd_btt_probe}). */
    boolean allowsSector() {
        return this == NONE || this == BTT || this == BTT2;
    }

    /** Whether the PFN probe may claim ({@code nd_pfn_probe}). */
    boolean allowsPfn() {
        return this == NONE || this == PFN;
    }

    /** Whether the DAX probe may claim ({@code nd_dax_probe}). */
    boolean allowsDax() {
        return this == NONE || this == DAX;
    }
}
