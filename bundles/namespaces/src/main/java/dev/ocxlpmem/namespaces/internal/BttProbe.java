package dev.ocxlpmem.namespaces.internal;

import java.util.Optional;
import java.util.UUID;

import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttProblem;
import dev.ocxlpmem.btt.BttReading;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/**
 * The BTT's probe, as Linux enables a namespace: {@code nd_btt_probe} takes it when the first
 * arena's info block is where the claim class puts it ({@code nd_btt_version}: BTT 2.0 at 0 for
 * BTT2, 1.1 at 4 KiB otherwise) and passes {@code nd_btt_arena_is_valid}; then every arena is read
 * and verified ({@link BttDriver#read}; an interrupted write is not a fault: the open finishes it),
 * and what was read is kept in the claim for the open, so that the map is read once. A BTT that
 * does not verify still claims the namespace, with the reason it will not enable. Writes nothing.
 */
final class BttProbe implements SectorProbe {
    private final BttDriver btt;

    BttProbe(BttDriver btt) {
        this.btt = btt;
    }

    static BttVersion version(ClaimClass claimClass) {
        return claimClass == ClaimClass.BTT2 ? BttVersion.V2_0 : BttVersion.V1_1;
    }

    @Override
    public Optional<SectorClaim> probe(Mapping namespace, ClaimClass claimClass, UUID parentUuid) {
        BttVersion version = version(claimClass);
        Optional<BttInfo> first = btt.readInfoBlock(namespace, version);
        if (first.isEmpty() || !first.get().checksumValid() || first.get().version() != version
                || !belongs(first.get().parentUuid(), parentUuid)) {
            return Optional.empty(); // -ENODEV: not a BTT; the PFN and DAX probes run
        }
        BttReading reading = btt.read(namespace, parentUuid, version);
        String refusal = null;
        int bad = 0;
        for (BttProblem p : reading.problems()) {
            if (p.kind() != BttProblem.Kind.INTERRUPTED_WRITE && bad++ == 0) {
                refusal = "its BTT does not verify: " + p.message();
            }
        }
        if (bad > 1) {
            refusal += " (and " + (bad - 1) + " more problems; see check-namespace)";
        }
        long sectors = 0;
        for (BttInfo a : reading.arenas()) {
            sectors += a.externalNlba();
        }
        // Linux's btt size: nlba * sector_size, the data bytes (btt.c, btt_init); ndctl's
        // sector_size is the external LBA size, metadata included (520 for -l 520)
        long lbaSize = first.get().externalLbaSize();
        return Optional.of(new SectorClaim(first.get().uuid(), sectors * BttSpec.sectorSize(lbaSize), (int) lbaSize,
                refusal, reading));
    }

    /** {@code nd_btt_arena_is_valid}: an info block without a parent UUID belongs to any namespace. */
    private static boolean belongs(UUID named, UUID parent) {
        return named.getMostSignificantBits() == 0 && named.getLeastSignificantBits() == 0 || named.equals(parent);
    }
}
