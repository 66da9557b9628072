package dev.ocxlpmem.ocxl;

/**
 * A function's configuration ({@code struct ocxl_fn_config}).
 *
 * @param serial the PCI Device Serial Number capability; 0 when the device reports none
 * @param maxAfuIndex the highest AFU index, -1 when the function has no AFU
 * @param maxPasidLog log2 of the number of PASIDs the function supports
 */
public record FunctionConfig(long serial, int maxAfuIndex, int maxPasidLog) {
}
