package dev.ocxlpmem.namespaces.internal;

import java.util.Optional;
import java.util.UUID;

import dev.ocxlpmem.btt.BttReading;
import dev.ocxlpmem.memory.Mapping;

/**
 * The BTT's part of probing a namespace (Linux {@code nd_btt_probe}, which runs before the PFN
 * and DAX probes): whether a BTT claims it. {@link BttProbe} is the product's; {@link #NONE}, which
 * finds none, is for tests of the other modes.
 */
@FunctionalInterface
interface SectorProbe {

    /**
     * A BTT claiming a namespace: what {@code ndctl list} shows for it, and what its probe read,
     * from which the namespace's BTT opens when it is offered.
     *
     * @param refusal why it will not enable (its BTT does not verify), or {@code null}
     */
    record SectorClaim(UUID uuid, long size, int sectorSize, String refusal, BttReading reading) {
    }

    SectorProbe NONE = (namespace, claimClass, parentUuid) -> Optional.empty();

    /**
     * @param namespace the whole namespace
     * @param claimClass the label's claim class: BTT2 looks at offset 0, BTT and NONE at 4 KiB
     * @param parentUuid the namespace label's uuid (nil without a label)
     */
    Optional<SectorClaim> probe(Mapping namespace, ClaimClass claimClass, UUID parentUuid);
}
