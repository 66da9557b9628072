package dev.ocxlpmem.namespaces.internal;

/**
 * Linux's device names: {@code namespaceR.M} ({@code nd_region_register_namespaces}), the block
 * device {@code pmemR} for namespace 0 and {@code pmemR.M} for the others, with {@code s} when a
 * BTT claims it ({@code nvdimm_namespace_disk_name}), and device-dax's {@code daxR.M}
 * ({@code drivers/dax/pmem.c}: the region and namespace numbers).
 */
final class NamespaceNames {
    private NamespaceNames() {
    }

    static String namespace(int region, int id) {
        return "namespace" + region + "." + id;
    }

    static String region(int region) {
        return "region" + region;
    }

    static String blockdev(int region, int id, boolean sector) {
        return "pmem" + region + (id == 0 ? "" : "." + id) + (sector ? "s" : "");
    }

    static String chardev(int region, int id) {
        return "dax" + region + "." + id;
    }
}
