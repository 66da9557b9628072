package dev.ocxlpmem.namespaces.internal;

import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * What {@link LinuxReplay} replays Linux's transcripts on: the model alone ({@link ModelSubject})
 * or the whole lifecycle on a card ({@link CardSubject}). A refusal is a {@link NamespaceException}.
 */
interface ReplaySubject extends AutoCloseable {

    /** A namespace as Linux's sysfs shows it ({@code st}): number, DPA, size, name, the kernel's mode. */
    record Row(int id, long dpa, long size, String name, String kernelMode) {
    }

    NamespaceListing create(NamespaceOptions options) throws NamespaceException;

    NamespaceListing reconfigure(int id, NamespaceOptions options) throws NamespaceException;

    void destroy(int id, boolean force) throws NamespaceException;

    void disable(int id) throws NamespaceException;

    void enable(int id) throws NamespaceException;

    /** {@code ndctl disable-region all; ndctl enable-region all}: the namespaces read again. */
    void enableRegion() throws NamespaceException;

    /** {@code ndctl init-labels -f -V 1.2 all} (the region disabled until {@link #enableRegion}). */
    void initLabels() throws NamespaceException;

    boolean labelLess();

    long availableSize();

    long maxAvailableExtent();

    /** The seed's number, or -1 when this subject does not show it. */
    int seed();

    /** Every namespace in number order, seeds included. */
    List<Row> namespaces();

    NamespaceListing listing(int id) throws NamespaceException;

    UUID labelUuid(int id) throws NamespaceException;

    @Override
    void close();
}
