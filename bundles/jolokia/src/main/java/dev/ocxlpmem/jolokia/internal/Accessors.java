package dev.ocxlpmem.jolokia.internal;

import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The names jmx.acl gives attribute access, as Karaf's guard derives them from the MBean's info
 * (KarafMBeanServerGuard.handleGetAttribute and handleSetAttribute): {@code isX} or {@code getX}
 * to read, {@code setX(type)} to write. For naming a refusal: an MBean gone by then is named as best
 * can be.
 */
final class Accessors {
    private Accessors() {
    }

    /** {@code isX} for a boolean attribute the MBean declares so, else {@code getX}. */
    static String reader(MBeanServer server, ObjectName name, String attribute) {
        MBeanAttributeInfo info = info(server, name, attribute);
        return (info != null && info.isIs() ? "is" : "get") + attribute;
    }

    /** The attribute's type, the signature of its setter; null if the MBean has no such attribute. */
    static String type(MBeanServer server, ObjectName name, String attribute) {
        MBeanAttributeInfo info = info(server, name, attribute);
        return info == null ? null : info.getType();
    }

    private static MBeanAttributeInfo info(MBeanServer server, ObjectName name, String attribute) {
        try {
            for (MBeanAttributeInfo a : server.getMBeanInfo(name).getAttributes()) {
                if (a.getName().equals(attribute)) {
                    return a;
                }
            }
        } catch (JMException e) {
            // unregistered meanwhile
        }
        return null;
    }
}
