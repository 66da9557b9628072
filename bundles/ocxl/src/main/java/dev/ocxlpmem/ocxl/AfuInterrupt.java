package dev.ocxlpmem.ocxl;

/**
 * An AFU interrupt allocated on a context ({@code ocxl_afu_irq_alloc}). The host tells the AFU its
 * {@link #handle()} (for an SCM card: in IMA0_OHP or IMA1_OHP); the AFU raises it by that handle.
 * Closing frees it ({@code ocxl_afu_irq_free}): the AFU's later raises of the handle are dropped.
 */
public interface AfuInterrupt extends AutoCloseable {

    /** The value to give the AFU: {@code ocxl_afu_irq_get_addr}, never 0. */
    long handle();

    @Override
    void close();
}
