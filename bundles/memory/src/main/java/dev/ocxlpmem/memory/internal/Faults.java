package dev.ocxlpmem.memory.internal;

/**
 * Makes a fault under a mapped access synchronous.
 *
 * <p>HotSpot turns a SIGBUS under a {@code ByteBuffer} access into {@link InternalError}, but
 * <em>asynchronously</em>: the faulting instruction is skipped (a read returns whatever was in
 * the register) and the error is only thrown at the thread's next VM transition — maybe
 * long after, in unrelated code. A runtime call that returns to Java through the VM delivers it
 * at once. {@code multianewarray} with dimensions the JIT cannot see is such a call in the
 * interpreter, C1 and C2 (HotSpot's {@code multianewarray2_C}, {@code new_multi_array}); measured
 * at about 25 ns on this machine. {@code MemoryFaultTest} checks that this stays true.
 */
final class Faults {

    /** Always 0; volatile so that the JIT cannot expand the allocation inline. */
    private static volatile int zero;

    private Faults() {
    }

    /** Takes a pending fault, known to be from an access whose result is discarded anyway. */
    static void absorb() {
        try {
            deliver();
        } catch (InternalError expected) {
            // the access hit a closed mapping; the caller reports that
        }
    }

    /** Throws the {@link InternalError} of any fault of this thread's preceding accesses. */
    static void deliver() {
        if (new int[zero][zero].length != 0) {
            throw new AssertionError();
        }
    }
}
