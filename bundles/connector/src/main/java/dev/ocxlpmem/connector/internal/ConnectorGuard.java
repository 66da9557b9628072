package dev.ocxlpmem.connector.internal;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import javax.management.Attribute;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerDelegate;
import javax.management.MBeanServerNotification;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets a {@link GuardingForwarder} in front of Karaf's JMX RMI connector, {@code connector:name=rmi}
 * in the platform MBean server (Karaf's MBeanServerFactory locates the platform one), through the
 * connector's own {@code setMBeanServerForwarder} (the MBean attribute {@code MBeanServerForwarder}): the JDK's RMI connector serves every connection
 * made after it through the forwarder.
 *
 * <p>Karaf creates the connector again when {@code org.apache.karaf.management} changes, and
 * registers it before it starts it (management/server {@code ConnectorServerFactory.init}); the
 * MBean server delegate tells its listeners of the registration in the registering thread, so the
 * forwarder is in place before the new connector accepts anyone. What remains open: connections
 * made between Karaf's management bundle starting its connector at boot and this component
 * activating keep the connector as it was (their clients authenticated before this bundle ran);
 * and a connector's forwarders cannot be taken out again: on deactivation they are retired (they
 * pass calls on), and the next activation sets a new one in front. While the bundle is stopped
 * (admin's act) the connector is Karaf's stock one.
 */
@Component(immediate = true)
public final class ConnectorGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectorGuard.class);
    static final ObjectName CONNECTOR = name("connector:name=rmi");

    private final AtomicReference<EventAdmin> events = new AtomicReference<>();
    private final MBeanServer platform = ManagementFactory.getPlatformMBeanServer();
    private final NotificationListener registrations = this::registered;
    private final List<GuardingForwarder> forwarders = new CopyOnWriteArrayList<>();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    void setEventAdmin(EventAdmin admin) {
        events.set(admin);
    }

    void unsetEventAdmin(EventAdmin admin) {
        events.compareAndSet(admin, null);
    }

    @Activate
    void activate() throws InstanceNotFoundException {
        platform.addNotificationListener(MBeanServerDelegate.DELEGATE_NAME, registrations, null, null);
        if (platform.isRegistered(CONNECTOR)) {
            guard();
        }
    }

    @Deactivate
    void deactivate() throws JMException {
        platform.removeNotificationListener(MBeanServerDelegate.DELEGATE_NAME, registrations);
        forwarders.forEach(GuardingForwarder::retire);
    }

    private void registered(Notification notification, Object handback) {
        if (notification instanceof MBeanServerNotification n
                && n.getType().equals(MBeanServerNotification.REGISTRATION_NOTIFICATION)
                && CONNECTOR.equals(n.getMBeanName())) {
            guard();
        }
    }

    private void guard() {
        GuardingForwarder forwarder = GuardingForwarder.create(events::get);
        try {
            // a standard MBean's setX(one argument) is the write-only attribute X, not an operation
            platform.setAttribute(CONNECTOR, new Attribute("MBeanServerForwarder", forwarder.asForwarder()));
            forwarders.add(forwarder);
            LOG.info("{}: creating and unregistering MBeans, listeners that are MBeans and queries by attribute need "
                    + "the admin role; no class loader MBeans", CONNECTOR);
        } catch (JMException | RuntimeException e) {
            LOG.error("{} could not be guarded: a viewer may create and unregister MBeans over JMX", CONNECTOR, e);
        }
    }

    private static ObjectName name(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }
}
