/**
 * The Block Translation Table, as Linux's {@code nd_btt} has it ({@code drivers/nvdimm/btt.c},
 * {@code Documentation/driver-api/nvdimm/btt.rst}): sectors atomic under power failure over a
 * namespace's bytes, byte-compatible with Linux, and its check and repair as
 * {@code ndctl check-namespace} does them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.btt;
