package dev.ocxlpmem.btt;

import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.memory.Mapping;

/**
 * A Block Translation Table over a namespace's raw bytes, byte-compatible with Linux's
 * ({@code Documentation/driver-api/nvdimm/btt.rst}, {@code drivers/nvdimm/btt.c}): sectors that are
 * atomic under power failure. The {@link Mapping} is the whole namespace (its raw range, as its
 * label describes it); the BTT does not own it and never closes it.
 *
 * <p>{@link BttDriver} opens a BTT, makes a fresh one, and verifies or repairs one. An open BTT
 * keeps its map in memory, with a sequence number per block for its readers: 8 bytes of heap per
 * sector (0.2% of a namespace with 4 KiB sectors, 1.6% with 512-byte sectors).
 */
public interface Btt extends SectorDevice, AutoCloseable {

    BttVersion version();

    /** The BTT's UUID: what {@code ndctl list} shows as a sector namespace's {@code uuid}. */
    UUID uuid();

    /** The namespace UUID the BTT is bound to. */
    UUID parentUuid();

    /** External LBA size: data plus per-sector metadata (512, 520, ... 4224). */
    int lbaSize();

    /** The arenas' info blocks, first arena first. */
    List<BttInfo> arenas();

    /**
     * Later reads and writes are refused with {@link IllegalStateException}. Idempotent. Nothing is
     * written: every acknowledged write is already durable.
     */
    @Override
    void close();
}
