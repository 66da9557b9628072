package dev.ocxlpmem.namespaces;

import java.util.UUID;

/**
 * What a create or reconfigure is asked ({@code ndctl create-namespace}), typed; {@code null} for
 * an option not given. Reading what a user typed ({@code 128M}, {@code fsdax}) is the ndctl
 * service's; the lifecycle checks these values against the region, as ndctl and Linux do.
 *
 * @param mode {@code -m}; on create {@code null} is fsdax, on reconfigure the namespace's own mode
 * @param size {@code -s}; {@code null}: the largest free extent on create, the namespace's size on
 *     reconfigure
 * @param name {@code -n}, the label's name
 * @param align {@code -a}, the fsdax or devdax mapping alignment in bytes
 * @param uuid {@code -u}, the label's uuid
 * @param map {@code -M}, where the page metadata lives
 * @param sectorSize {@code -l}: a BTT's LBA size in sector mode, else the namespace's sector size
 * @param force {@code -f}: reconfigure an enabled namespace
 * @param autolabel not {@code -L/--no-autolabel}: a label-less region gets labels when its
 *     namespace is reconfigured
 */
public record NamespaceOptions(NamespaceMode mode, Size size, String name, Long align, UUID uuid, MapLocation map,
        Long sectorSize, boolean force, boolean autolabel) {

    /**
     * A size in bytes, and the unit it was given in: 1, or the multiplier of a suffix
     * {@code K}, {@code M}, {@code G} or {@code T} (powers of 1024). ndctl's advice for a misaligned
     * size is in that unit ({@code did you intend --size=1024M?}).
     */
    public record Size(long bytes, long unit) {

        public Size {
            if (bytes < 0) {
                throw new IllegalArgumentException("a size of " + bytes + " bytes");
            }
            if (unit != 1 && unit != 1L << 10 && unit != 1L << 20 && unit != 1L << 30 && unit != 1L << 40) {
                throw new IllegalArgumentException("unit " + unit + " is none of 1, K, M, G, T");
            }
        }

        /** {@code bytes}, given in bytes. */
        public static Size of(long bytes) {
            return new Size(bytes, 1);
        }
    }

    /** {@code --map}: the page metadata of an fsdax or devdax namespace in the namespace or in host memory. */
    public enum MapLocation {
        DEV,
        MEM
    }

    /** No option given: an fsdax namespace over the largest free extent. */
    public static NamespaceOptions none() {
        return new NamespaceOptions(null, null, null, null, null, null, null, false, true);
    }

    public NamespaceOptions withMode(NamespaceMode m) {
        return new NamespaceOptions(m, size, name, align, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withSize(Size s) {
        return new NamespaceOptions(mode, s, name, align, uuid, map, sectorSize, force, autolabel);
    }

    /** A size given in bytes. */
    public NamespaceOptions withSize(long bytes) {
        return withSize(Size.of(bytes));
    }

    public NamespaceOptions withName(String n) {
        return new NamespaceOptions(mode, size, n, align, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withAlign(long a) {
        return new NamespaceOptions(mode, size, name, a, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withUuid(UUID u) {
        return new NamespaceOptions(mode, size, name, align, u, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withMap(MapLocation m) {
        return new NamespaceOptions(mode, size, name, align, uuid, m, sectorSize, force, autolabel);
    }

    public NamespaceOptions withSectorSize(long l) {
        return new NamespaceOptions(mode, size, name, align, uuid, map, l, force, autolabel);
    }

    public NamespaceOptions forced() {
        return new NamespaceOptions(mode, size, name, align, uuid, map, sectorSize, true, autolabel);
    }

    public NamespaceOptions withoutAutolabel() {
        return new NamespaceOptions(mode, size, name, align, uuid, map, sectorSize, force, false);
    }
}
