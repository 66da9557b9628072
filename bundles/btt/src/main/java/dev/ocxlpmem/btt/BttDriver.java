package dev.ocxlpmem.btt;

import java.util.Optional;
import java.util.UUID;

import dev.ocxlpmem.memory.Mapping;

/**
 * Linux's BTT driver ({@code nd_btt}, {@code drivers/nvdimm/btt.c}) as a service: the BTT's layout,
 * opening, formatting, reading and checking, over a namespace's raw bytes. A BTT is byte-compatible
 * with Linux's: what one writes the other opens. The {@link Mapping} given is always the whole
 * namespace (its raw range, as its label describes it); nothing here keeps or closes it except the
 * {@link Btt} opened over it, which uses it until closed.
 */
public interface BttDriver {

    /**
     * The sizes Linux gives a BTT of {@code lbaSize} on a namespace of {@code namespaceSize} bytes.
     * Writes nothing.
     *
     * @throws IllegalArgumentException when the namespace is too small for a BTT (Linux needs 16 MiB
     *     after the BTT's offset) or the LBA size is not supported
     */
    BttGeometry geometry(long namespaceSize, int lbaSize, BttVersion version);

    /**
     * Writes a fresh BTT over the namespace, as Linux does when it first enables a sector namespace:
     * an identity map, one free block per lane, then the backup and primary info blocks (the primary
     * last, so a crash before it leaves no BTT). Old info blocks at the new ones' places are cleared
     * first. Data blocks are not cleared. Returns the BTT, open.
     *
     * <p>Persisted when it returns: the whole BTT (info blocks, map, log), so {@link #open} finds it
     * after a crash. A crash before it returns leaves no BTT that opens (the backup info blocks are
     * written after the map and log, so {@link #check} with repair may then complete it from them).
     *
     * @throws IllegalArgumentException when the namespace is too small, before anything is written
     */
    Btt format(Mapping namespace, BttSpec spec) throws BttException;

    /**
     * Reads and verifies the BTT Linux would find in the namespace for its label version, as
     * {@link #open} does, and writes nothing: the info blocks, the log and every map entry, each
     * checked as {@link #check} checks them (an interrupted write is not a fault: opening finishes
     * it). What it read opens the BTT ({@link BttReading#open}) without reading the map again.
     *
     * @param parentUuid the namespace's UUID; an info block naming another parent is not this namespace's
     */
    BttReading read(Mapping namespace, UUID parentUuid, BttVersion version);

    /**
     * Opens the BTT Linux would find in the namespace for its label version: {@link #read}, then
     * {@link BttReading#open} on the same mapping. Nothing is written unless everything verifies.
     *
     * <p>Persisted when it returns: the recovery's writes (map entries finished from the log, free
     * blocks zeroed). From then on each write is persisted before it returns.
     *
     * @param parentUuid the namespace's UUID; an info block naming another parent is not this namespace's
     * @throws BttException when there is no BTT or it does not verify, with the problems found
     */
    Btt open(Mapping namespace, UUID parentUuid, BttVersion version) throws BttException;

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
    BttCheckResult check(Mapping namespace, UUID parentUuid, boolean repair);

    /**
     * The info block at the start of a BTT of this version, if one is there (signature
     * {@code BTT_ARENA_INFO}), as it is: checked or not, see {@link BttInfo#checksumValid()}. This
     * is what {@code ndctl read-infoblock} shows and how a namespace is recognised as sector mode.
     * Writes nothing.
     */
    Optional<BttInfo> readInfoBlock(Mapping namespace, BttVersion version);
}
