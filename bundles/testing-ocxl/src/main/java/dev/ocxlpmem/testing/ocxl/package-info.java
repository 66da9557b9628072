/**
 * The contract of the {@code ocxl} API ({@code dev.ocxlpmem.ocxl}, modelled on the kernel's
 * {@code include/misc/ocxl.h}) as JUnit 5 tests written once: a backend's test class extends
 * {@link dev.ocxlpmem.testing.ocxl.OcxlBackendContract} and says how to get one of its devices, so
 * that the emulator and a Linux backend are held to the same rules.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.testing.ocxl;
