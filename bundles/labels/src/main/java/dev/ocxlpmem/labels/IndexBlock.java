package dev.ocxlpmem.labels;

/**
 * One namespace index block as found on media (UEFI 2.7 §13.19 {@code EFI_NVDIMM_LABEL_INDEX_BLOCK},
 * Linux {@code struct nd_namespace_index}): the raw field values, whether or not they are valid.
 *
 * @param block 0 or 1
 * @param offset where the block starts in the label area
 * @param size the block's size for this area's geometry (a multiple of 256)
 * @param signature the signature up to its first NUL, bytes read as ISO-8859-1
 * @param flags the 3-byte flags field
 * @param labelSize the label size the block declares (128 unless minor ≥ 2)
 * @param seq the sequence number as stored (only its low 2 bits count)
 * @param myoff field {@code myoff}
 * @param mysize field {@code mysize}
 * @param otheroff field {@code otheroff}
 * @param labeloff field {@code labeloff}
 * @param nslot field {@code nslot} (unsigned 32-bit)
 * @param major field {@code major}
 * @param minor field {@code minor}
 * @param checksum field {@code checksum}
 * @param valid whether the block passes every check Linux makes
 */
public record IndexBlock(
        int block,
        long offset,
        int size,
        String signature,
        int flags,
        int labelSize,
        long seq,
        long myoff,
        long mysize,
        long otheroff,
        long labeloff,
        long nslot,
        int major,
        int minor,
        long checksum,
        boolean valid) {

    /** The sequence number that counts: 1, 2 or 3 (0 is invalid). */
    public int effectiveSeq() {
        return (int) (seq & 3);
    }
}
