package dev.ocxlpmem.ndctl;

/**
 * What {@code ndctl create-namespace} is given, as typed ({@code null} for an option not given):
 * {@code -m} mode, {@code -s} size, {@code -n} name, {@code -a} align, {@code -u} uuid,
 * {@code -M} map, {@code -l} sector size, {@code -f} force and {@code -L/--no-autolabel}
 * ({@code autolabel} false). The console and the MBeans hand it over as the user gave it; the
 * service reads it as ndctl does, once for both, and its messages quote the user's own text.
 */
public record NamespaceArguments(String mode, String size, String name, String align, String uuid, String map,
        String sectorSize, boolean force, boolean autolabel) {

    /** No option given: an fsdax namespace over the largest free extent. */
    public static NamespaceArguments none() {
        return new NamespaceArguments(null, null, null, null, null, null, null, false, true);
    }

    public NamespaceArguments withMode(String m) {
        return new NamespaceArguments(m, size, name, align, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceArguments withSize(String s) {
        return new NamespaceArguments(mode, s, name, align, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceArguments withName(String n) {
        return new NamespaceArguments(mode, size, n, align, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceArguments withAlign(String a) {
        return new NamespaceArguments(mode, size, name, a, uuid, map, sectorSize, force, autolabel);
    }

    public NamespaceArguments withUuid(String u) {
        return new NamespaceArguments(mode, size, name, align, u, map, sectorSize, force, autolabel);
    }

    public NamespaceArguments withMap(String m) {
        return new NamespaceArguments(mode, size, name, align, uuid, m, sectorSize, force, autolabel);
    }

    public NamespaceArguments withSectorSize(String l) {
        return new NamespaceArguments(mode, size, name, align, uuid, map, l, force, autolabel);
    }

    public NamespaceArguments forced() {
        return new NamespaceArguments(mode, size, name, align, uuid, map, sectorSize, true, autolabel);
    }

    public NamespaceArguments withoutAutolabel() {
        return new NamespaceArguments(mode, size, name, align, uuid, map, sectorSize, force, false);
    }
}
