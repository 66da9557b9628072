package dev.ocxlpmem.ocxl;

/** A function opened by a driver. Closing it releases the AFUs fetched through it. */
public interface OpenFunction extends AutoCloseable {

    OcxlFunction function();

    /** {@code ocxl_function_fetch_afu}. */
    Afu fetchAfu(int index) throws OcxlException;

    @Override
    void close();
}
