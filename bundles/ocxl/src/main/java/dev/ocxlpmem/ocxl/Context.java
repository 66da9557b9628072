package dev.ocxlpmem.ocxl;

/**
 * An AFU context ({@code struct ocxl_context}). Closing it detaches it if needed, frees its
 * interrupts and frees it.
 */
public interface Context extends AutoCloseable {

    /** {@code ocxl_context_attach}. */
    void attach() throws OcxlException;

    /** {@code ocxl_context_detach}. */
    void detach() throws OcxlException;

    boolean isAttached();

    /**
     * {@code ocxl_afu_irq_alloc} with {@code ocxl_irq_set_handler}: an interrupt the AFU can raise,
     * delivered to {@code handler}. Closing the context frees its interrupts.
     *
     * @throws OcxlException if the context was freed
     */
    AfuInterrupt allocateInterrupt(InterruptHandler handler) throws OcxlException;

    @Override
    void close();
}
