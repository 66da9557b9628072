package dev.ocxlpmem.namespaces.internal;

/**
 * What {@code ndctl create-namespace} is asked, as typed ({@code null} for an option not given):
 * {@code -m}, {@code -s}, {@code -n}, {@code -a}, {@code -u}, {@code -M}, {@code -l}, {@code -f}
 * and {@code -L/--no-autolabel}. Messages quote the user's own text, as ndctl's do.
 */
record CreateOptions(String mode, String size, String name, String align, String uuid, String map, String sectorSize,
        boolean force, boolean autolabel) {

    static CreateOptions none() {
        return new CreateOptions(null, null, null, null, null, null, null, false, true);
    }

    CreateOptions withMode(String m) {
        return new CreateOptions(m, size, name, align, uuid, map, sectorSize, force, autolabel);
    }

    CreateOptions withSize(String s) {
        return new CreateOptions(mode, s, name, align, uuid, map, sectorSize, force, autolabel);
    }

    CreateOptions withName(String n) {
        return new CreateOptions(mode, size, n, align, uuid, map, sectorSize, force, autolabel);
    }

    CreateOptions withAlign(String a) {
        return new CreateOptions(mode, size, name, a, uuid, map, sectorSize, force, autolabel);
    }

    CreateOptions withUuid(String u) {
        return new CreateOptions(mode, size, name, align, u, map, sectorSize, force, autolabel);
    }

    CreateOptions withMap(String m) {
        return new CreateOptions(mode, size, name, align, uuid, m, sectorSize, force, autolabel);
    }

    CreateOptions withSectorSize(String l) {
        return new CreateOptions(mode, size, name, align, uuid, map, l, force, autolabel);
    }

    CreateOptions forced() {
        return new CreateOptions(mode, size, name, align, uuid, map, sectorSize, true, autolabel);
    }

    CreateOptions withoutAutolabel() {
        return new CreateOptions(mode, size, name, align, uuid, map, sectorSize, force, false);
    }
}
