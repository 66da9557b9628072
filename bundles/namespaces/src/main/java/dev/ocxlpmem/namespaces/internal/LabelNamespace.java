package dev.ocxlpmem.namespaces.internal;

import java.util.UUID;

/**
 * A namespace as Linux builds it from its label ({@code create_namespace_pmem}), before any info
 * block is looked at; or the one namespace of a label-less region ({@code create_namespace_io}).
 *
 * @param id the {@code M} of {@code namespaceR.M}
 * @param labelUuid the label's uuid ({@code raw_uuid}); {@code null} for a label-less namespace
 *     (which has none) and for an unconfigured seed
 * @param name the label's name, empty for none
 * @param lbaSize the label's {@code lbasize}: 0 and 512 give 512-byte sectors, 4096 gives 4 KiB
 * @param claimClass which info block may claim it
 * @param dpa its first DPA
 * @param size its size (the label's {@code rawsize}); 0 for a seed
 * @param start its physical address: the region's base plus its offset in the region
 */
record LabelNamespace(int id, UUID labelUuid, String name, long lbaSize, ClaimClass claimClass, long dpa, long size,
        long start) {

    /** Label-less: the namespace Linux makes of a whole region without labels. */
    boolean labelLess() {
        return labelUuid == null && size > 0;
    }

    /** Linux's {@code pmem_sector_size}: 4096 only when the label says so. */
    int sectorSize() {
        return lbaSize == 4096 ? 4096 : 512;
    }

    /** The parent uuid its info blocks carry ({@code nd_dev_to_uuid}: nil without a label). */
    UUID parentUuid() {
        return labelUuid == null ? UuidBytes.NIL : labelUuid;
    }
}
