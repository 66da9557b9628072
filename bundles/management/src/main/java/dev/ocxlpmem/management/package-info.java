/**
 * MXBeans for the nvdimm objects, in domain {@value dev.ocxlpmem.management.ObjectNames#DOMAIN}:
 * attributes and operations over the same service API as the console ({@code dev.ocxlpmem.ndctl}),
 * and notifications of every lifecycle event. Open types only, so JConsole and other JMX clients
 * need none of these classes.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.ocxlpmem.management;
