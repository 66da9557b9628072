/**
 * OpenCAPI function access, modelled on the kernel's {@code include/misc/ocxl.h}: what a driver
 * programs against, whatever backs the function (an emulated card, or Linux sysfs).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package dev.ocxlpmem.ocxl;
