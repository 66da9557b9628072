package dev.ocxlpmem.namespaces.internal;

import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttCheckResult;
import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttGeometry;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttReading;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/** The real BTT driver, counting how often the lifecycle reads a BTT's arenas ({@link #read}, {@link #open}). */
final class CountingBtt implements BttDriver {
    final AtomicInteger reads = new AtomicInteger();
    final AtomicInteger opens = new AtomicInteger();
    private final BttDriver btt;

    CountingBtt(BttDriver btt) {
        this.btt = btt;
    }

    @Override
    public BttGeometry geometry(long namespaceSize, int lbaSize, BttVersion version) {
        return btt.geometry(namespaceSize, lbaSize, version);
    }

    @Override
    public Btt format(Mapping namespace, BttSpec spec) throws BttException {
        return btt.format(namespace, spec);
    }

    @Override
    public BttReading read(Mapping namespace, UUID parentUuid, BttVersion version) {
        reads.incrementAndGet();
        return btt.read(namespace, parentUuid, version);
    }

    @Override
    public Btt open(Mapping namespace, UUID parentUuid, BttVersion version) throws BttException {
        opens.incrementAndGet();
        return btt.open(namespace, parentUuid, version);
    }

    @Override
    public BttCheckResult check(Mapping namespace, UUID parentUuid, boolean repair) {
        return btt.check(namespace, parentUuid, repair);
    }

    @Override
    public Optional<BttInfo> readInfoBlock(Mapping namespace, BttVersion version) {
        return btt.readInfoBlock(namespace, version);
    }
}
