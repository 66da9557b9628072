/**
 * Namespace labels: the label area of a DIMM in the UEFI 2.7 §13.19 / Linux format, read,
 * checked and updated crash-safely through the DIMM's config-data commands only.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.2.0")
package dev.ocxlpmem.labels;
