/**
 * The operations an operator performs on nvdimm buses, DIMMs, regions and their labels, as libndctl
 * offers them to the ndctl tool: one service ({@link dev.ocxlpmem.ndctl.Ndctl}) that the console
 * commands and the MBeans both call, records of what is there, and ndctl's JSON for them.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.3.0")
package dev.ocxlpmem.ndctl;
