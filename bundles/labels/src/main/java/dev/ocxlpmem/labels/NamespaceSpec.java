package dev.ocxlpmem.labels;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * What a namespace label should say; the store adds the slot, the interleave-set cookie, the set
 * size and position and, for version 1.2, the type GUID and checksum.
 *
 * @param uuid the namespace's UUID, not nil
 * @param name up to 63 bytes of UTF-8 (64 with the NUL the field ends in), empty for none
 * @param dpa where the namespace starts on the DIMM, 4 KiB aligned
 * @param rawSize its size, a positive multiple of 4 KiB
 * @param lbaSize logical block size: 0, 512 or 4096 (Linux writes 512)
 * @param abstraction the address abstraction (recorded by version 1.2 labels only)
 */
public record NamespaceSpec(UUID uuid, String name, long dpa, long rawSize, long lbaSize, Abstraction abstraction) {
    /** Namespace extents are 4 KiB granular. */
    public static final long ALIGN = 4096;
    /** Bytes of the name field that hold characters: the last of its 64 stays NUL. */
    public static final int MAX_NAME_BYTES = 63;

    public NamespaceSpec {
        Objects.requireNonNull(uuid, "uuid");
        if (uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0) {
            throw new IllegalArgumentException("a namespace needs a non-nil UUID");
        }
        name = name == null ? "" : name;
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new IllegalArgumentException("name '" + name + "' is " + bytes + " bytes of UTF-8; at most "
                    + MAX_NAME_BYTES + " fit in a label");
        }
        if (name.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("a namespace name cannot contain NUL");
        }
        if (dpa < 0 || dpa % ALIGN != 0) {
            throw new IllegalArgumentException("dpa " + Long.toHexString(dpa) + "h must be a non-negative multiple of 4 KiB");
        }
        if (rawSize <= 0 || rawSize % ALIGN != 0) {
            throw new IllegalArgumentException("size " + rawSize + " must be a positive multiple of 4 KiB");
        }
        if (dpa > Long.MAX_VALUE - rawSize) {
            throw new IllegalArgumentException("dpa " + dpa + " + size " + rawSize + " overflows");
        }
        if (lbaSize != 0 && lbaSize != 512 && lbaSize != 4096) {
            throw new IllegalArgumentException("lbasize " + lbaSize + " is not 0, 512 or 4096");
        }
        Objects.requireNonNull(abstraction, "abstraction");
    }

    /** A raw namespace with 512-byte sectors, as {@code ndctl create-namespace -m raw} makes. */
    public static NamespaceSpec raw(UUID uuid, String name, long dpa, long rawSize) {
        return new NamespaceSpec(uuid, name, dpa, rawSize, 512, Abstraction.NONE);
    }

    public NamespaceSpec withName(String newName) {
        return new NamespaceSpec(uuid, newName, dpa, rawSize, lbaSize, abstraction);
    }

    public long end() {
        return dpa + rawSize;
    }
}
