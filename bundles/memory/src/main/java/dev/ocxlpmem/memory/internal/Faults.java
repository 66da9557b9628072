package dev.ocxlpmem.memory.internal;

import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Makes a fault under a mapped access synchronous, cheaply.
 *
 * <p>HotSpot survives a SIGBUS under an Unsafe access ({@link RawMemory}) but reports it
 * <em>asynchronously</em>: its signal handler skips the faulting instruction (a load yields
 * whatever was in the register, a store is dropped), marks the thread's pending asynchronous
 * condition ({@code JavaThread::_async_exception_condition}, HotSpot 17 {@code thread.hpp}) and
 * the {@link InternalError} is thrown at the thread's next transition through the VM — maybe much
 * later, in unrelated code. So every checked access is followed by {@link #check()}:
 * <ul>
 * <li>where the JVM publishes that word's offset (its Serviceability Agent table, see
 *     {@link VmStructs}) and a self-test at start-up shows it behaves as described, a volatile
 *     load of it (about a nanosecond, and it does not serialize independent loads); only when it
 *     is set,</li>
 * <li>a runtime call that returns to Java through the VM and so delivers the error at once:
 *     {@code multianewarray} with dimensions the JIT cannot see (HotSpot's
 *     {@code multianewarray2_C}, {@code new_multi_array}); about 25 ns and a full fence. Other
 *     JVMs, and {@code -Ddev.ocxlpmem.memory.faultCheck=runtimeCall}, use it for every check.</li>
 * </ul>
 * {@code MemoryFaultTest} checks both in the interpreter, C1 and C2.
 *
 * <p>{@link #rearm()} leaves a fault pending again (by touching a page that always faults): a
 * checked access that finds a fault pending from an earlier access not its own and not a
 * checked view's (a {@code MappedByteBuffer}'s, say) leaves it as HotSpot would have.
 */
final class Faults {

    /** {@code -Ddev.ocxlpmem.memory.faultCheck=runtimeCall}: the runtime call for every check. */
    static final boolean RUNTIME_CALL_ONLY = "runtimeCall".equals(System.getProperty("dev.ocxlpmem.memory.faultCheck"));

    private static final Logger LOG = Logger.getLogger(Faults.class.getName());

    /** Offset of {@code Thread.eetop} (the thread's {@code JavaThread*}). */
    private static final long THREAD_ADDRESS;
    /** Offset of {@code JavaThread::_async_exception_condition}. */
    private static final long PENDING;
    /** Address of a page past the end of an empty file: any access to it faults. */
    private static final long POISON;
    /** Whether {@link #check()} reads the pending word before making the runtime call. */
    static final boolean READS_PENDING_WORD;

    /** Always 0; volatile so that the JIT cannot expand the allocation inline. */
    private static volatile int zero;
    /** Where {@link #rearm()} puts what it reads, so that the JIT keeps the load. */
    private static volatile byte sink;

    static {
        POISON = poisonPage();
        long threadAddress;
        try {
            threadAddress = RawMemory.threadAddressOffset();
        } catch (NoSuchFieldException | RuntimeException e) {
            threadAddress = -1;
        }
        THREAD_ADDRESS = threadAddress;
        PENDING = VmStructs.fieldOffset("JavaThread", "_async_exception_condition");
        READS_PENDING_WORD = !RUNTIME_CALL_ONLY && POISON != 0 && THREAD_ADDRESS >= 0 && PENDING > 0
                && SelfTest.pendingWordWorks(POISON, THREAD_ADDRESS, PENDING);
        if (!READS_PENDING_WORD && !RUNTIME_CALL_ONLY) {
            LOG.log(Level.INFO, "this JVM''s pending-fault word cannot be read (Thread.eetop {0}, "
                    + "JavaThread::_async_exception_condition {1}); every access pays a runtime call to check for "
                    + "faults", new Object[] {THREAD_ADDRESS, PENDING});
        }
    }

    private Faults() {
    }

    /** Throws the {@link InternalError} of a fault of this thread's preceding accesses, if any. */
    static void check() {
        if (READS_PENDING_WORD) {
            long thread = RawMemory.threadAddress(Thread.currentThread(), THREAD_ADDRESS);
            if (thread != 0 && RawMemory.getIntVolatile(thread + PENDING) == 0) {
                return;
            }
        }
        deliver();
    }

    /** The runtime call: HotSpot throws a pending fault's {@link InternalError} on its way back. */
    static void deliver() {
        if (new int[zero][zero].length != 0) {
            throw new AssertionError();
        }
    }

    /** Whether {@link #rearm()} can leave a fault pending (it needs the poison page). */
    static boolean canRearm() {
        return POISON != 0;
    }

    /**
     * Leaves a fault pending on this thread, for whoever made the access whose fault a check
     * took. Call it last, just before returning: a runtime call after it (an allocation's slow
     * path, for one) may deliver that fault at once.
     */
    static void rearm() {
        sink = RawMemory.getByte(POISON);
    }

    /** Whether {@code e} is HotSpot's report of a fault under an Unsafe access. */
    static boolean isFault(Throwable e) {
        return e instanceof InternalError && e.getMessage() != null && e.getMessage().contains("unsafe memory access");
    }

    /**
     * Checks on this thread that the pending word is set by a fault and cleared by its delivery.
     * In its own class, with its own statics, and after a first round on a readable address: the
     * interpreter resolves a call or field the first time it is used (and, while {@link Faults}
     * is being initialized, every time) through the VM, which would deliver the fault before the
     * word is read.
     */
    static final class SelfTest {
        private static volatile int zero;
        private static volatile byte sink;

        private SelfTest() {
        }

        static boolean pendingWordWorks(long poison, long threadAddressOffset, long pending) {
            long thread = RawMemory.threadAddress(Thread.currentThread(), threadAddressOffset);
            if (thread == 0) {
                return false;
            }
            for (int round = 0; round < 5; round++) {
                boolean fault = round > 0;
                try {
                    sink = RawMemory.getByte(fault ? poison : thread + pending);
                    int word = RawMemory.getIntVolatile(
                            RawMemory.threadAddress(Thread.currentThread(), threadAddressOffset) + pending);
                    try {
                        if (new int[zero][zero].length != 0) {
                            throw new AssertionError();
                        }
                    } catch (InternalError e) {
                        return fault && word != 0 && RawMemory.getIntVolatile(thread + pending) == 0;
                    }
                    if (fault) {
                        return false;
                    }
                } catch (InternalError deliveredEarly) {
                    // the VM delivered it before the word was read; try again
                }
            }
            return false;
        }
    }

    /** One read-only page of an empty file, mapped shared: past end of file, so it faults. */
    private static long poisonPage() {
        int fd = Region.Placeholder.open();
        if (fd < 0) {
            return 0;
        }
        try {
            long address = LibC.mmap(0, LibC.pageSize(), LibC.PROT_READ, LibC.MAP_SHARED, fd, 0);
            return address == LibC.MAP_FAILED ? 0 : address;
        } finally {
            LibC.close(fd);
        }
    }
}
