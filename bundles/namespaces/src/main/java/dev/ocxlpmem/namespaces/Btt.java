package dev.ocxlpmem.namespaces;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.internal.BttCheck;
import dev.ocxlpmem.namespaces.internal.BttDevice;
import dev.ocxlpmem.namespaces.internal.BttInfoBlock;
import dev.ocxlpmem.namespaces.internal.BttLayout;

/**
 * A Block Translation Table over a namespace's raw bytes, byte-compatible with Linux's
 * ({@code Documentation/driver-api/nvdimm/btt.rst}, {@code drivers/nvdimm/btt.c}): sectors that are
 * atomic under power failure. The {@link Mapping} is the whole namespace (its raw range, as its
 * label describes it); the BTT does not own it and never closes it.
 *
 * <p>Open a BTT with {@link #open}, make a fresh one with {@link #format}, verify or repair one with
 * {@link #check}. An open BTT keeps its map in memory, with a sequence number per block for its
 * readers: 8 bytes of heap per sector (0.2% of a namespace with 4 KiB sectors, 1.6% with 512-byte
 * sectors).
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

    /**
     * The sizes Linux gives a BTT of {@code lbaSize} on a namespace of {@code namespaceSize} bytes.
     *
     * @throws IllegalArgumentException when the namespace is too small for a BTT (Linux needs 16 MiB
     *     after the BTT's offset) or the LBA size is not supported
     */
    static BttGeometry geometry(long namespaceSize, int lbaSize, BttVersion version) {
        return BttLayout.geometry(namespaceSize, lbaSize, version);
    }

    /**
     * Writes a fresh BTT over the namespace, as Linux does when it first enables a sector namespace:
     * an identity map, one free block per lane, then the backup and primary info blocks (the primary
     * last, so a crash before it leaves no BTT). Old info blocks at the new ones' places are cleared
     * first. Data blocks are not cleared. Returns the BTT, open.
     *
     * <p>Persisted when it returns: the whole BTT (info blocks, map, log), so {@link #open} finds it
     * after a crash. A crash before it returns leaves no BTT that opens (the backup info blocks are
     * written after the map and log, so {@code check} with repair may then complete it from them).
     *
     * @throws IllegalArgumentException when the namespace is too small, before anything is written
     */
    static Btt format(Mapping namespace, BttSpec spec) throws BttException {
        return BttLayout.format(namespace, spec);
    }

    /**
     * Opens the BTT Linux would find in the namespace for its label version: verifies every arena
     * as {@link #check} does, then runs the recovery Linux runs when it enables the namespace
     * (finishes writes interrupted after their log entry, clears blocks freed with an error flag).
     * Nothing is written unless everything verifies.
     *
     * <p>Persisted when it returns: the recovery's writes (map entries finished from the log, free
     * blocks zeroed). From then on each {@link #write} is persisted before it returns.
     *
     * @param parentUuid the namespace's UUID; an info block naming another parent is not this namespace's
     * @throws BttException when there is no BTT or it does not verify, with the problems found
     */
    static Btt open(Mapping namespace, UUID parentUuid, BttVersion version) throws BttException {
        return BttDevice.open(namespace, parentUuid, version);
    }

    /**
     * Checks the BTT as {@code ndctl check-namespace} does: the info blocks (the primary one is
     * looked for at 4 KiB, then at 0, then recovered from a backup), the log, that every map entry
     * is in range, that each log entry agrees with the map, and that every internal block is named
     * exactly once by the map and the free list. With {@code repair}, fixes what ndctl's repair
     * fixes and nothing else: a primary info block restored from its backup, a backup info block
     * rewritten from the primary, a map entry finished from the log after an interrupted write.
     * Nothing is written without {@code repair}. Check a BTT that is not open: an open one changes
     * under the check.
     *
     * <p>Persisted when it returns: every repair listed in {@link BttCheckResult#repaired()}.
     *
     * @param parentUuid the namespace's UUID
     */
    static BttCheckResult check(Mapping namespace, UUID parentUuid, boolean repair) {
        return BttCheck.check(namespace, parentUuid, repair);
    }

    /**
     * The info block at the start of a BTT of this version, if one is there (signature
     * {@code BTT_ARENA_INFO}), as it is: checked or not, see {@link BttInfo#checksumValid()}. This
     * is what {@code ndctl read-infoblock} shows and how a namespace is recognised as sector mode.
     * Writes nothing.
     */
    static Optional<BttInfo> readInfoBlock(Mapping namespace, BttVersion version) {
        return BttInfoBlock.find(namespace, version);
    }
}
