package dev.ocxlpmem.btt;

import java.util.List;

import dev.ocxlpmem.memory.Mapping;

/**
 * A BTT as {@link BttDriver#read} found it in a namespace: its arenas' info blocks, log and map
 * read and verified, as Linux reads them when it probes a sector namespace ({@code nd_btt_probe},
 * {@code btt_init}). It tells what {@code ndctl list} shows of the BTT, or why it will not open,
 * and it opens the BTT from what it read, so that enabling a namespace reads its map once.
 */
public interface BttReading {

    BttVersion version();

    /**
     * The info blocks of the arenas found, first arena first: all of them when the BTT
     * {@link #opens()}, else those read before the first problem (none when the first info block
     * is not valid).
     */
    List<BttInfo> arenas();

    /**
     * What verifying found, as {@link BttDriver#check} reports it without repair: every kind of
     * {@link BttProblem}, {@link BttProblem.Kind#INTERRUPTED_WRITE} included (opening finishes it).
     */
    List<BttProblem> problems();

    /** Whether {@link #open} opens it: nothing but interrupted writes was found. */
    boolean opens();

    /**
     * Opens the BTT read here over {@code namespace}, the same bytes it was read from (that mapping,
     * or another mapping of the same range, e.g. {@link Mapping#mapAgain}): runs the recovery Linux
     * runs when it enables the namespace (finishes writes interrupted after their log entry, clears
     * blocks freed with an error flag) without reading the map again. Once only: the open BTT takes
     * what was read, and the bytes must not have changed since.
     *
     * <p>Persisted when it returns: the recovery's writes. From then on each write is persisted
     * before it returns.
     *
     * @throws BttException when it does not {@link #opens() open}, with the problems found; nothing
     *     is written then
     * @throws IllegalArgumentException when {@code namespace} is not of the size read
     * @throws IllegalStateException when it was opened already
     */
    Btt open(Mapping namespace) throws BttException;
}
