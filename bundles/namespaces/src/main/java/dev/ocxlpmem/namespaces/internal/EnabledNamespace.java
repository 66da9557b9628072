package dev.ocxlpmem.namespaces.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.UUID;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.Namespace;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * An enabled namespace as an application sees it: its service object. Its mappings share one
 * {@link NamespaceData.Lifetime}, which {@link #close} ends.
 */
final class EnabledNamespace implements Namespace {
    private final NamespaceInfo info;
    private final Mapping memory;
    private final long base;
    private final long size;
    private final NamespaceData.Lifetime lifetime;

    /**
     * @param memory the region's memory
     * @param base where the namespace's data starts in it
     * @param size bytes of data
     */
    EnabledNamespace(NamespaceInfo info, Mapping memory, long base, long size) {
        this.info = info;
        this.memory = memory;
        this.base = base;
        this.size = size;
        this.lifetime = new NamespaceData.Lifetime(info.dev());
    }

    @Override
    public String dev() {
        return info.dev();
    }

    @Override
    public UUID uuid() {
        return info.listing().uuid();
    }

    @Override
    public String name() {
        return info.listing().name();
    }

    @Override
    public NamespaceMode mode() {
        return info.mode();
    }

    @Override
    public long size() {
        return size;
    }

    @Override
    public String region() {
        return info.region();
    }

    @Override
    public Mapping data() {
        if (lifetime.isClosed()) {
            throw lifetime.closed();
        }
        return new NamespaceData(lifetime, memory, base, size);
    }

    /** Every mapping refuses from now on; waits for accesses in flight. */
    void close() {
        lifetime.close();
    }

    Dictionary<String, Object> properties() {
        Dictionary<String, Object> p = new Hashtable<>();
        p.put(DEV, dev());
        if (uuid() != null) {
            p.put(UUID, uuid().toString());
        }
        p.put(NAME, name());
        p.put(MODE, mode().text());
        p.put(SIZE, size());
        p.put(REGION, region());
        return p;
    }

    @Override
    public String toString() {
        return dev() + " (" + mode() + ", " + size() + " bytes" + (name().isEmpty() ? "" : ", " + name()) + ")";
    }
}
