/**
 * Shared test support, in the manner of openHAB's {@code VolatileStorageService}: one in-memory DIMM
 * and one real one-DIMM bus for every bundle's tests, instead of a fake per test class. Only
 * exported APIs of other bundles are used, so tests never reach into another bundle's internals.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.testing;
