package dev.ocxlpmem.ocxl;

import dev.ocxlpmem.memory.Mapping;

/** An accelerator function unit of an open function. */
public interface Afu {

    AfuConfig config();

    /** {@code ocxl_context_alloc}: a context to attach before the AFU's memory may be used. */
    Context allocateContext() throws OcxlException;

    /**
     * {@code ocxl_afu_map_lpc_mem}: maps the AFU's whole LPC memory. The caller owns the mapping
     * and closes it when done. Fails if no context is attached.
     */
    Mapping mapLpcMemory() throws OcxlException;
}
