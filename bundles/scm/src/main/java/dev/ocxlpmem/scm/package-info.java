/**
 * The OpenCAPI SCM controller's interface as the driver series expected it: global MMIO
 * register offsets and bits, admin and near-storage command formats, status codes and
 * payload layouts. Shared by the host side (the driver) and the device side (the emulator).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.scm;
