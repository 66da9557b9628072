/**
 * MXBeans for the nvdimm objects, in domain {@value dev.ocxlpmem.management.ObjectNames#DOMAIN}.
 * Open types only, so JConsole and other JMX clients need none of these classes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.management;
