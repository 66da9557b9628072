package dev.ocxlpmem.labels;

import java.util.Optional;
import java.util.UUID;

/**
 * One namespace label (UEFI 2.7 §13.19 {@code EFI_NVDIMM_LABEL}, Linux
 * {@code struct nd_namespace_label}) in a slot the current index block marks in use.
 *
 * @param slot the slot it occupies (equal to its {@code slot} field)
 * @param uuid the namespace's UUID
 * @param name the name up to its first NUL (UTF-8; empty when there is none)
 * @param flags {@link #ROLABEL}, {@link #LOCAL}, {@link #BTT}, {@link #UPDATING}
 * @param nlabel labels in the namespace's set (1 on a single DIMM)
 * @param position this DIMM's position in the set
 * @param isetCookie the interleave-set cookie the label was written for
 * @param lbaSize the namespace's logical block size, 0 or 512 for pmem
 * @param dpa where the namespace starts on the DIMM (DPA 0 is the first byte of the pmem region)
 * @param rawSize the namespace's size in bytes
 * @param align version 1.2 {@code align} byte; 0 for version 1.1
 * @param typeGuid version 1.2 type GUID; {@code null} for version 1.1
 * @param abstractionGuid version 1.2 abstraction GUID; {@code null} for version 1.1
 */
public record NamespaceLabel(
        int slot,
        UUID uuid,
        String name,
        int flags,
        int nlabel,
        int position,
        long isetCookie,
        long lbaSize,
        long dpa,
        long rawSize,
        int align,
        UUID typeGuid,
        UUID abstractionGuid) {

    /** Read-only label. */
    public static final int ROLABEL = 0x1;
    /** Label of a local (blk) namespace. */
    public static final int LOCAL = 0x2;
    /** Namespace uses a BTT (deprecated with version 1.2 labels). */
    public static final int BTT = 0x4;
    /** The label set is being written: Linux's first step of a create. */
    public static final int UPDATING = 0x8;

    /** The type GUID of a pmem namespace in version 1.2 labels. */
    public static final UUID PMEM_TYPE_GUID = UUID.fromString("66f0d379-b4f3-4074-ac43-0d3318b78cdb");

    public boolean updating() {
        return (flags & UPDATING) != 0;
    }

    /** The named abstraction, if the label carries a known one (version 1.2 only). */
    public Optional<Abstraction> abstraction() {
        return abstractionGuid == null ? Optional.empty() : Abstraction.of(abstractionGuid);
    }

    /** First byte after the namespace (unsigned arithmetic is the caller's business past 2^63). */
    public long dpaEnd() {
        return dpa + rawSize;
    }
}
