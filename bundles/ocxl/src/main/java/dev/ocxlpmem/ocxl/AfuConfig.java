package dev.ocxlpmem.ocxl;

/**
 * An AFU's configuration ({@code struct ocxl_afu_config}): its name and version, and where its
 * LPC (device) memory and global MMIO lie.
 */
public record AfuConfig(
        int index,
        String name,
        int versionMajor,
        int versionMinor,
        long lpcMemoryOffset,
        long lpcMemorySize,
        long globalMmioSize) {
}
