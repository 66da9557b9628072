package dev.ocxlpmem.nvdimm;

/**
 * A region's extent on one DIMM ({@code struct nd_mapping_desc}).
 *
 * @param dimm the DIMM
 * @param start where the extent starts in the DIMM's address space (DPA)
 * @param size the extent's length
 * @param position the DIMM's position in the interleave set
 */
public record RegionMapping(Dimm dimm, long start, long size, int position) {
}
