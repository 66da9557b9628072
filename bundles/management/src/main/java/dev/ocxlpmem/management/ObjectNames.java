package dev.ocxlpmem.management;

import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;

/** The object names MBeans are registered under, e.g. {@code dev.ocxlpmem:type=Dimm,name=nmem0}. */
public final class ObjectNames {
    public static final String DOMAIN = "dev.ocxlpmem";
    /** The MBean of the nvdimm core: every lifecycle notification, and what is registered. */
    public static final String NVDIMM = DOMAIN + ":type=Nvdimm";

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

    /** A card that did not come up; its location quoted, since it holds colons. */
    public static String card(String location) {
        return DOMAIN + ":type=Card,name=" + javax.management.ObjectName.quote(location);
    }

    public static String namespace(String dev) {
        return DOMAIN + ":type=Namespace,name=" + dev;
    }

    /** The names above are well formed by construction. */
    public static ObjectName of(String name) {
        try {
            return new ObjectName(name);
        } catch (MalformedObjectNameException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
