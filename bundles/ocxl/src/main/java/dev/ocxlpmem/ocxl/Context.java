package dev.ocxlpmem.ocxl;

/** An AFU context ({@code struct ocxl_context}). Closing it detaches it if needed and frees it. */
public interface Context extends AutoCloseable {

    /** {@code ocxl_context_attach}. */
    void attach() throws OcxlException;

    /** {@code ocxl_context_detach}. */
    void detach() throws OcxlException;

    boolean isAttached();

    @Override
    void close();
}
