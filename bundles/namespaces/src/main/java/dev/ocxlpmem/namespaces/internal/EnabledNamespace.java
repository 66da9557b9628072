package dev.ocxlpmem.namespaces.internal;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.UUID;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttReading;
import dev.ocxlpmem.btt.SectorDevice;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.Namespace;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * An enabled namespace as an application sees it: its service object. Its memory is the region's
 * range mapped again ({@link Mapping#mapAgain}), so that {@link #close} takes it back from every
 * application mapping of it, and from the BTT of a sector namespace, without closing the region.
 */
final class EnabledNamespace implements Namespace {
    private final NamespaceInfo info;
    /** A raw, fsdax or devdax namespace's data (after its info block), or a sector namespace's range under its BTT. */
    private final Mapping memory;
    private final long size;
    /** A sector namespace's BTT, else null. */
    private final Btt btt;

    /**
     * @param region the region's memory
     * @param base where the namespace's data starts in it
     * @param size bytes of data
     */
    EnabledNamespace(NamespaceInfo info, Mapping region, long base, long size) {
        this.info = info;
        this.memory = region.mapAgain(base, size, info.dev());
        this.size = size;
        this.btt = null;
    }

    /**
     * A sector namespace: its BTT opened over the whole namespace ({@code [base, base + rawSize)})
     * from what its probe read, with Linux's recovery, on a mapping that closes with the namespace.
     */
    EnabledNamespace(NamespaceInfo info, Mapping region, long base, long rawSize, BttReading probed)
            throws BttException {
        this.info = info;
        this.memory = region.mapAgain(base, rawSize, info.dev());
        try {
            this.btt = probed.open(memory);
        } catch (BttException | RuntimeException e) {
            memory.close();
            throw e;
        }
        this.size = btt.size();
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
        if (btt != null) {
            throw new UnsupportedOperationException(dev() + " is a sector namespace: its bytes are its BTT's;"
                    + " read and write its sectors()");
        }
        return memory.slice(0, size); // refused with MappingClosedException once closed
    }

    @Override
    public SectorDevice sectors() {
        if (btt == null) {
            throw new UnsupportedOperationException(dev() + " is " + mode().text() + ", not sector: it has no BTT;"
                    + " its data is data()");
        }
        return btt;
    }

    /**
     * Every mapping, and so the BTT, refuse from now on with MappingClosedException, and once this
     * returns no access through them reaches the memory. The BTT itself is left open: closing it
     * writes nothing, and its own refusal would be another exception than the one
     * {@link Namespace} promises.
     */
    void close() {
        memory.close();
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
