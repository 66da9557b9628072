/**
 * The nvdimm bus, as libnvdimm has it: providers register buses, DIMMs and regions, and every
 * operation on a DIMM travels as a command through its bus.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.ocxlpmem.nvdimm;
