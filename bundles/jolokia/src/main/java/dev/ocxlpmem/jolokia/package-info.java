/**
 * Jolokia, JMX over HTTP, held to the same {@code jmx.acl} rules as the JMX RMI connector: its
 * configuration, {@link dev.ocxlpmem.jolokia.JolokiaConfig#PID}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.jolokia;
