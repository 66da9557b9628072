package dev.ocxlpmem.memory;

/**
 * A checked scope over part of a {@link Mapping}: single-value accesses at the speed of plain
 * memory, whose faults are reported once, when the scope closes.
 *
 * <pre>{@code
 * try (CheckedView view = mapping.checked()) {
 *     for (long offset = 0; offset < n; offset += 8) {
 *         sum += view.getLong(offset);
 *     }
 * }
 * // only here is sum known to be made of what the media holds
 * }</pre>
 *
 * <p>Offsets are relative to the start of the scope's range and checked against {@link #size()}
 * before anything is touched ({@link IndexOutOfBoundsException}); values are little-endian, as
 * in {@link Mapping}.
 *
 * <p>The contract: a value read inside the scope may be wrong if an access of the scope faulted
 * (media error, truncated file, the mapping closed meanwhile); it is good once {@link #close()}
 * has returned normally. A write that faulted did not reach the media. A fault is never lost: it
 * is reported
 * <ul>
 * <li>by {@link #close()}, as {@link MediaErrorException} naming the scope's whole range (which
 *     access faulted is not recorded), or as {@link MappingClosedException} when the mapping was
 *     closed during the scope; an exception leaving the body carries it as a suppressed
 *     exception;</li>
 * <li>or earlier, inside the body, as the JVM's own {@link InternalError} ("a fault occurred in
 *     ... unsafe memory access"): HotSpot may deliver a pending fault at a safepoint or runtime
 *     call. {@link Mapping#checked(java.util.function.Function)} turns that one into a
 *     {@link MediaErrorException} too.</li>
 * </ul>
 * Accesses of a {@link Mapping} itself inside a scope stay exact: one that succeeds returns its
 * value even if an access of the scope faulted before (the scope still reports that fault); one
 * that faults throws its own {@link MediaErrorException}, and the scope reports a fault as well,
 * since the JVM keeps one pending fault per thread and whose it was cannot be told. Scopes nest;
 * each reports a fault of any access made while it was open.
 *
 * <p>Let other exceptions leave the scope: do not catch one inside it. HotSpot drops a pending
 * fault that it meets while handling another exception, and an inner try-with-resources scope's
 * early {@link InternalError} caught inside an outer scope hides the fault from the outer one
 * (an inner {@link Mapping#checked(java.util.function.Function)} does not: its fault is counted).
 *
 * <p>A scope belongs to the thread that opened it (faults are per thread): accesses and close from
 * another thread, and accesses after close, are refused with {@link IllegalStateException}.
 */
public interface CheckedView extends AutoCloseable {

    long size();

    byte getByte(long offset);

    void putByte(long offset, byte value);

    short getShort(long offset);

    void putShort(long offset, short value);

    int getInt(long offset);

    void putInt(long offset, int value);

    long getLong(long offset);

    void putLong(long offset, long value);

    /**
     * Ends the scope and reports a fault of any of its accesses. Idempotent.
     *
     * @throws MediaErrorException if an access of the scope faulted
     * @throws MappingClosedException if the mapping was closed during the scope
     */
    @Override
    void close();
}
