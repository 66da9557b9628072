package dev.ocxlpmem.btt;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * What a fresh BTT should be: what {@code ndctl create-namespace -m sector -l} asks the kernel for.
 *
 * @param uuid the BTT's own UUID ({@code ndctl list}'s {@code uuid} of a sector namespace), not nil
 * @param parentUuid the namespace's UUID (its label's, {@code raw_uuid}); the BTT is bound to it
 * @param lbaSize the external LBA size: one of {@link #LBA_SIZES}; sizes above 512 and 4096 carry
 *     that many bytes of per-sector metadata next to the data
 * @param version {@link BttVersion#V2_0} for v1.2 labels, {@link BttVersion#V1_1} for v1.1
 */
public record BttSpec(UUID uuid, UUID parentUuid, int lbaSize, BttVersion version) {

    /** The external LBA sizes Linux accepts for a BTT ({@code btt_devs.c}, {@code btt_lbasize_supported}). */
    public static final List<Integer> LBA_SIZES = List.of(512, 520, 528, 4096, 4104, 4160, 4224);

    public BttSpec {
        Objects.requireNonNull(uuid, "uuid");
        Objects.requireNonNull(parentUuid, "parentUuid");
        Objects.requireNonNull(version, "version");
        if (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0) {
            throw new IllegalArgumentException("a BTT needs a non-nil UUID");
        }
        if (!LBA_SIZES.contains(lbaSize)) {
            throw new IllegalArgumentException("sector size " + lbaSize + " is not supported by a BTT: use one of "
                    + LBA_SIZES);
        }
    }

    /** Bytes of data per sector: 4096 for LBA sizes of 4096 and more, else 512 (Linux {@code btt_init}). */
    public int sectorSize() {
        return sectorSize(lbaSize);
    }

    /** The data bytes per sector that go with an external LBA size. */
    public static int sectorSize(long lbaSize) {
        return lbaSize >= 4096 ? 4096 : 512;
    }
}
