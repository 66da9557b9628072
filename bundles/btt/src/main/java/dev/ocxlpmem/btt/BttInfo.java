package dev.ocxlpmem.btt;

import java.util.UUID;

/**
 * One BTT arena info block ({@code struct btt_sb}, Linux {@code drivers/nvdimm/btt.h}) as found on
 * the media: the fields {@code ndctl read-infoblock -j} prints. Offsets in the block are relative to
 * the arena's start; unsigned 32-bit fields are given as {@code long}.
 *
 * @param offset where this block is, in bytes from the start of the namespace
 * @param signature {@code BTT_ARENA_INFO} for an info block
 * @param checksumValid whether {@code checksum} is the block's Fletcher-64 (Linux {@code nd_sb_checksum})
 */
public record BttInfo(long offset, String signature, UUID uuid, UUID parentUuid, long flags, int versionMajor,
        int versionMinor, long externalLbaSize, long externalNlba, long internalLbaSize, long internalNlba,
        long nfree, long infoSize, long nextOff, long dataOff, long mapOff, long logOff, long info2Off,
        long checksum, boolean checksumValid) {

    /** The layout version it names, or null when it names neither 1.1 nor 2.0. */
    public BttVersion version() {
        return BttVersion.of(versionMajor, versionMinor);
    }
}
