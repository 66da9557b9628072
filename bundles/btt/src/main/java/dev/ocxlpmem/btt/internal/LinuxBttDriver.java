package dev.ocxlpmem.btt.internal;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Component;

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

/** The BTT as Linux lays it out: arenas of at most 512 GiB ({@code ARENA_MAX_SIZE}, {@code btt.h}). */
@Component(service = BttDriver.class)
public final class LinuxBttDriver implements BttDriver {

    @Override
    public BttGeometry geometry(long namespaceSize, int lbaSize, BttVersion version) {
        return BttLayout.geometry(namespaceSize, lbaSize, version);
    }

    @Override
    public Btt format(Mapping namespace, BttSpec spec) throws BttException {
        return BttLayout.format(namespace, spec, BttLayout.ARENA_MAX_SIZE);
    }

    @Override
    public BttReading read(Mapping namespace, UUID parentUuid, BttVersion version) {
        return ArenaReader.read(namespace, parentUuid, version, BttLayout.ARENA_MAX_SIZE);
    }

    @Override
    public Btt open(Mapping namespace, UUID parentUuid, BttVersion version) throws BttException {
        return read(namespace, parentUuid, version).open(namespace);
    }

    @Override
    public BttCheckResult check(Mapping namespace, UUID parentUuid, boolean repair) {
        return BttCheck.check(namespace, parentUuid, repair, BttLayout.ARENA_MAX_SIZE);
    }

    @Override
    public Optional<BttInfo> readInfoBlock(Mapping namespace, BttVersion version) {
        return BttInfoBlock.find(Objects.requireNonNull(namespace, "namespace"), Objects.requireNonNull(version, "version"));
    }
}
