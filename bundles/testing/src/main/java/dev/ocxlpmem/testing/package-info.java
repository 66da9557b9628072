/**
 * Shared test support: component configurations, and through this module the nvdimm core's test-jar
 * ({@code dev.ocxlpmem.nvdimm.testing}: one in-memory DIMM and one real one-DIMM bus, in the manner
 * of openHAB's {@code VolatileStorageService}) for every bundle's tests, instead of a fake per test
 * class. Only exported APIs of other bundles are used, so tests never reach into another bundle's internals.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.testing;
