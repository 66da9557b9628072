package dev.ocxlpmem.namespaces.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;

import dev.ocxlpmem.memory.Mapping;

/**
 * A stand-in for the BTT implementation's probe, enough for the fixture's one-arena BTT: Linux's
 * {@code nd_btt_version} and {@code nd_btt_arena_is_valid} checks of the first arena's info block
 * ({@code btt.h struct btt_sb}: BTT 2.0 at offset 0 for the BTT2 claim class, 1.1 at 4 KiB
 * otherwise), its capacity read as {@code external_nlba * external_lbasize}.
 */
final class FixtureBttProbe implements SectorProbe {
    private static final byte[] SIGNATURE = Arrays.copyOf("BTT_ARENA_INFO".getBytes(StandardCharsets.US_ASCII), 16);

    @Override
    public Optional<SectorClaim> probe(Mapping namespace, ClaimClass claimClass, UUID parentUuid) {
        if (namespace.size() < 16L << 20) {
            return Optional.empty();
        }
        boolean v2 = claimClass == ClaimClass.BTT2;
        byte[] sb = new byte[4096];
        namespace.get(v2 ? 0 : 4096, sb, 0, sb.length);
        if (!Arrays.equals(sb, 0, 16, SIGNATURE, 0, 16)) {
            return Optional.empty();
        }
        UUID parent = UuidBytes.read(sb, 32);
        if (!parent.equals(UuidBytes.NIL) && !parent.equals(parentUuid)) {
            return Optional.empty();
        }
        if (PfnInfoBlock.storedChecksum(sb) != PfnInfoBlock.checksum(sb)) {
            return Optional.empty();
        }
        int major = (int) PfnInfoBlock.le(sb, 52, 2);
        int minor = (int) PfnInfoBlock.le(sb, 54, 2);
        if (v2 ? major != 2 || minor != 0 : major != 1 || minor != 1) {
            return Optional.empty();
        }
        long lbaSize = PfnInfoBlock.le(sb, 56, 4);
        long nlba = PfnInfoBlock.le(sb, 60, 4);
        return Optional.of(new SectorClaim(UuidBytes.read(sb, 16), lbaSize * nlba, (int) lbaSize));
    }
}
