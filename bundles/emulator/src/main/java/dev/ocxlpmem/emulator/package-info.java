/**
 * An emulated OpenCAPI SCM card, configured as a factory configuration of
 * {@link dev.ocxlpmem.emulator.EmulatedCardConfig#PID}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.emulator;
