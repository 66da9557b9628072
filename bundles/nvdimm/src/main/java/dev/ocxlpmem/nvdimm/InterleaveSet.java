package dev.ocxlpmem.nvdimm;

/**
 * Interleave-set cookies ({@code struct nd_interleave_set}): labels of version 1.1 must carry
 * {@code cookie1}, of version 1.2 {@code cookie2}.
 */
public record InterleaveSet(long cookie1, long cookie2) {
}
