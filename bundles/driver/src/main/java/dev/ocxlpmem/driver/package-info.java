/** The ocxlpmem driver's configuration, and its probe outside OSGi ({@link dev.ocxlpmem.driver.Device}). */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.driver;
