/**
 * An emulated OpenCAPI SCM card probed by the real driver on a standalone nvdimm core, for the
 * tests of the consumers above the bus and for benchmarks, wired by the emulator's
 * {@code standalone.Cards} and the driver's {@code standalone.Devices}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.testing.card;
