package dev.ocxlpmem.management.internal;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** Views registered in the platform MBean server for one test, and unregistered after it. */
final class RegisteredViews {
    final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final List<ObjectName> registered = new ArrayList<>();

    ObjectName register(DescribedView view) {
        try {
            server.registerMBean(view, view.objectName());
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
        registered.add(view.objectName());
        return view.objectName();
    }

    void unregisterAll() throws JMException {
        for (ObjectName name : registered) {
            server.unregisterMBean(name);
        }
        registered.clear();
    }
}
