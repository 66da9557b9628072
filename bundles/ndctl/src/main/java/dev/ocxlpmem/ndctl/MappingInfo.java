package dev.ocxlpmem.ndctl;

/**
 * A region's extent on one DIMM, as {@code ndctl list -RD} shows it.
 *
 * @param dimm {@code nmemN}
 * @param offset where the extent starts on the DIMM (DPA)
 * @param length its size
 * @param position the DIMM's position in the interleave set
 */
public record MappingInfo(String dimm, long offset, long length, int position) {
}
