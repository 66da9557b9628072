package dev.ocxlpmem.ndctl;

/** A running {@link Ndctl#monitor}: {@link #close()} stops it; no event is delivered after close returns. */
public interface Monitor extends AutoCloseable {

    /** The DIMMs watched, e.g. {@code nmem0}. */
    java.util.List<String> dimms();

    @Override
    void close();
}
