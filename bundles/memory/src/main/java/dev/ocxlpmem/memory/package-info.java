/**
 * Mapped memory: how every byte of LPC memory, label area and namespaces, is reached.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.4.0")
package dev.ocxlpmem.memory;
