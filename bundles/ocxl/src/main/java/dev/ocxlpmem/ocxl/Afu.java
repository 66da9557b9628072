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

    /**
     * Maps the AFU's global MMIO area ({@code ocxl_afu_config.global_mmio_size} bytes). No context
     * is needed. The caller owns the mapping and closes it when done; it fails once the AFU is
     * released.
     *
     * @throws OcxlException if the AFU has no global MMIO area or was released
     */
    GlobalMmio mapGlobalMmio() throws OcxlException;
}
