package dev.ocxlpmem.jolokia.internal;

import javax.management.MBeanServer;

/**
 * Where Jolokia 1.7 looks for an MBean server of its own to use before all others: the attribute
 * {@code JolokiaMBeanServer} of {@code jolokia:type=MBeanServer} in the platform MBean server
 * (org.jolokia.backend.MBeanServers).
 */
public interface ServerHolderMBean {
    MBeanServer getJolokiaMBeanServer();
}
