/**
 * Namespaces on pmem regions, as Linux's libnvdimm has them: raw, fsdax, devdax and sector
 * namespaces persisted in labels, with info blocks and BTTs byte-compatible with Linux.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.ocxlpmem.namespaces;
