package dev.ocxlpmem.namespaces;

/**
 * What {@code ndctl create-namespace} is asked, as typed ({@code null} for an option not given):
 * {@code -m} mode, {@code -s} size, {@code -n} name, {@code -a} align, {@code -u} uuid,
 * {@code -M} map, {@code -l} sector size, {@code -f} force and {@code -L/--no-autolabel}
 * ({@code autolabel} false). Messages quote the user's own text, as ndctl's do.
 */
public record NamespaceOptions(String mode, String size, String name, String align, String uuid, String map,
        String sectorSize, boolean force, boolean autolabel) {

    /** No option given: an fsdax namespace over the largest free extent. */
    public static NamespaceOptions none() {
        return new NamespaceOptions(null, null, null, null, null, null, null, false, true);
    }

    public NamespaceOptions withMode(String m) {
        return new NamespaceOptions(m, size, name, align, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withSize(String s) {
        return new NamespaceOptions(mode, s, name, align, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withName(String n) {
        return new NamespaceOptions(mode, size, n, align, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withAlign(String a) {
        return new NamespaceOptions(mode, size, name, a, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withUuid(String u) {
        return new NamespaceOptions(mode, size, name, align, u, map, sectorSize, force, autolabel);
    }

    public NamespaceOptions withMap(String m) {
        return new NamespaceOptions(mode, size, name, align, uuid, m, sectorSize, force, autolabel);
    }

    public NamespaceOptions withSectorSize(String l) {
        return new NamespaceOptions(mode, size, name, align, uuid, map, l, force, autolabel);
    }

    public NamespaceOptions forced() {
        return new NamespaceOptions(mode, size, name, align, uuid, map, sectorSize, true, autolabel);
    }

    public NamespaceOptions withoutAutolabel() {
        return new NamespaceOptions(mode, size, name, align, uuid, map, sectorSize, force, false);
    }
}
