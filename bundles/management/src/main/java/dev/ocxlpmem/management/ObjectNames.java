package dev.ocxlpmem.management;

/** The object names MBeans are registered under, e.g. {@code dev.ocxlpmem:type=Dimm,name=nmem0}. */
public final class ObjectNames {
    public static final String DOMAIN = "dev.ocxlpmem";

    private ObjectNames() {
    }

    public static String bus(String dev) {
        return DOMAIN + ":type=Bus,name=" + dev;
    }

    public static String dimm(String dev) {
        return DOMAIN + ":type=Dimm,name=" + dev;
    }

    public static String region(String dev) {
        return DOMAIN + ":type=Region,name=" + dev;
    }
}
