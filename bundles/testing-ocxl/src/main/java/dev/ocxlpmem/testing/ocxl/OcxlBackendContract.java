package dev.ocxlpmem.testing.ocxl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.ocxl.Afu;
import dev.ocxlpmem.ocxl.AfuConfig;
import dev.ocxlpmem.ocxl.AfuInterrupt;
import dev.ocxlpmem.ocxl.Context;
import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.ocxl.OpenFunction;

/**
 * What every backend of the {@code ocxl} API does, whatever it runs on: the rules of the API's
 * javadoc and of the kernel's {@code include/misc/ocxl.h} and {@code drivers/misc/ocxl} they come
 * from. A backend's test class extends this class and gives it one device per test
 * ({@link #functions()}), the device's way to raise an interrupt ({@link #raise}) and a register that
 * reads back what is written ({@link #scratchRegister()}); every test here then runs against it.
 *
 * <p>The device under test needs one function with an AFU that has a global MMIO area; its first
 * such AFU is the one the tests use.
 */
public abstract class OcxlBackendContract {
    private static final Pattern LOCATION = Pattern.compile("\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}\\.[0-7]");
    /** How long an interrupt may take to arrive: generous, the build machine may be loaded. */
    private static final long INTERRUPT_SECONDS = 30;

    /**
     * The functions of one device, as the backend presents them (registers them as services); a
     * device no other test uses, for this test alone.
     */
    protected abstract List<OcxlFunction> functions() throws Exception;

    /**
     * Makes the device raise {@code interrupt}, its own way: for an OpenCAPI SCM card, the handle
     * written to IMA0_OHP and an admin command whose response raises it. Returns once the device
     * was asked; delivery is what the tests wait for.
     */
    protected abstract void raise(GlobalMmio mmio, AfuInterrupt interrupt) throws Exception;

    /** A global MMIO offset where a 64-bit write reads back as written and has no other effect. */
    protected abstract long scratchRegister();

    /** The function with the AFU the tests use. */
    private static OcxlFunction withAfu(List<OcxlFunction> functions) {
        return functions.stream().filter(f -> f.afus().stream().anyMatch(a -> a.globalMmioSize() > 0)).findFirst()
                .orElseThrow(() -> new AssertionError("the device under test has no AFU with a global MMIO area: "
                        + functions));
    }

    private static AfuConfig afuConfig(OcxlFunction function) {
        return function.afus().stream().filter(a -> a.globalMmioSize() > 0).findFirst().orElseThrow();
    }

    /** The function under test, open, and its AFU; closing closes the function. */
    private record Opened(OpenFunction open, Afu afu, AfuConfig config) implements AutoCloseable {
        @Override
        public void close() {
            open.close();
        }
    }

    private Opened openAfu() throws Exception {
        OcxlFunction function = withAfu(functions());
        AfuConfig config = afuConfig(function);
        OpenFunction open = function.open();
        return new Opened(open, open.fetchAfu(config.index()), config);
    }

    @Test
    public void functionsSayWhereTheyAreAndWhatTheyHold() throws Exception {
        List<OcxlFunction> functions = functions();
        assertFalse(functions.isEmpty(), "a device has functions");
        Set<String> locations = new HashSet<>();
        for (OcxlFunction f : functions) {
            assertTrue(LOCATION.matcher(f.location()).matches(), "domain:bus:device.function: " + f.location());
            assertTrue(locations.add(f.location()), "one function per location: " + f.location());
            assertEquals(Character.digit(f.location().charAt(f.location().length() - 1), 16), f.functionNumber(),
                    f.location());
            assertTrue(f.vendor() > 0 && f.vendor() < 0xFFFF, "a PCI vendor ID: " + f.vendor());
            assertTrue(f.device() >= 0 && f.device() <= 0xFFFF, "a PCI device ID: " + f.device());
            List<AfuConfig> afus = f.afus();
            assertEquals(afus.isEmpty(), f.config().maxAfuIndex() == -1,
                    f.location() + ": maxAfuIndex -1 exactly when there is no AFU");
            Set<Integer> indices = new HashSet<>();
            for (AfuConfig afu : afus) {
                assertTrue(afu.index() >= 0 && afu.index() <= f.config().maxAfuIndex(), f.location() + ": " + afu);
                assertTrue(indices.add(afu.index()), f.location() + ": AFU " + afu.index() + " once");
                assertTrue(afu.lpcMemoryOffset() >= 0 && afu.lpcMemorySize() >= 0, afu.toString());
                assertTrue(afu.globalMmioSize() >= 0 && afu.globalMmioSize() % 8 == 0, afu.toString());
                assertFalse(afu.name() == null || afu.name().isEmpty(), "an AFU has a name: " + afu);
            }
        }
        assertEquals(1, functions.stream().map(f -> f.location().substring(0, f.location().length() - 2)).distinct()
                .count(), "one device's functions share domain, bus and device");
    }

    @Test
    public void anOpenFunctionFetchesItsAfusAsConfigured() throws Exception {
        OcxlFunction function = withAfu(functions());
        AfuConfig configured = afuConfig(function);
        try (OpenFunction open = function.open()) {
            assertEquals(function, open.function());
            Afu afu = open.fetchAfu(configured.index());
            assertEquals(configured, afu.config(), "the AFU's configuration is what the function described");
            assertEquals(configured, open.fetchAfu(configured.index()).config(), "fetched again");
            assertThrows(OcxlException.class, () -> open.fetchAfu(function.config().maxAfuIndex() + 1),
                    "past the highest AFU index");
            assertThrows(OcxlException.class, () -> open.fetchAfu(-1));
        }
    }

    @Test
    public void aClosedFunctionReleasesItsAfusAndOpensAgain() throws Exception {
        OcxlFunction function = withAfu(functions());
        AfuConfig configured = afuConfig(function);
        OpenFunction first = function.open();
        Afu afu = first.fetchAfu(configured.index());
        Context context = afu.allocateContext();
        context.attach();
        GlobalMmio mmio = afu.mapGlobalMmio();
        first.close();
        first.close(); // idempotent
        assertThrows(OcxlException.class, () -> first.fetchAfu(configured.index()), "fetch after close");
        assertThrows(OcxlException.class, afu::allocateContext, "a released AFU allocates no context");
        assertThrows(OcxlException.class, afu::mapGlobalMmio, "a released AFU maps no global MMIO");
        assertThrows(OcxlException.class, afu::mapLpcMemory, "a released AFU maps no LPC memory");
        assertThrows(OcxlException.class, () -> mmio.read64(0), "the released AFU's global MMIO is gone");
        assertFalse(context.isAttached(), "releasing the AFU frees its contexts");
        try (OpenFunction again = function.open()) {
            assertEquals(configured, again.fetchAfu(configured.index()).config());
        }
    }

    @Test
    public void aContextAttachesAndDetachesOnceEach() throws Exception {
        try (Opened opened = openAfu()) {
            Afu afu = opened.afu();
            Context context = afu.allocateContext();
            assertFalse(context.isAttached(), "a new context is detached");
            assertThrows(OcxlException.class, context::detach, "detach before attach");
            context.attach();
            assertTrue(context.isAttached());
            assertThrows(OcxlException.class, context::attach, "attached twice");
            assertTrue(context.isAttached(), "a refused attach changes nothing");
            context.detach();
            assertFalse(context.isAttached());
            context.attach();
            context.close();
            assertFalse(context.isAttached(), "closing detaches");
            context.close(); // idempotent
            assertThrows(OcxlException.class, context::attach, "a freed context does not attach");
            try (Context other = afu.allocateContext(); Context third = afu.allocateContext()) {
                other.attach();
                third.attach();
                assertTrue(other.isAttached() && third.isAttached(), "an AFU has several contexts");
            }
        }
    }

    @Test
    public void lpcMemoryMapsWholeOnlyWithAnAttachedContext() throws Exception {
        try (Opened opened = openAfu()) {
            Afu afu = opened.afu();
            AfuConfig configured = opened.config();
            assertThrows(OcxlException.class, afu::mapLpcMemory, "no context");
            try (Context context = afu.allocateContext()) {
                assertThrows(OcxlException.class, afu::mapLpcMemory, "a context, not attached");
                context.attach();
                long last = configured.lpcMemorySize() - 8;
                try (Mapping lpc = afu.mapLpcMemory()) {
                    assertEquals(configured.lpcMemorySize(), lpc.size(), "the AFU's whole LPC memory");
                    lpc.putLong(last, 0x0123_4567_89ab_cdefL);
                    lpc.persist(last, 8);
                }
                try (Mapping again = afu.mapLpcMemory()) {
                    assertEquals(0x0123_4567_89ab_cdefL, again.getLong(last), "a second mapping sees the same memory");
                }
            }
        }
    }

    @Test
    public void globalMmioReadsAndWrites64BitsAtAlignedOffsets() throws Exception {
        try (Opened opened = openAfu(); GlobalMmio mmio = opened.afu().mapGlobalMmio()) {
            assertEquals(opened.config().globalMmioSize(), mmio.size());
            long scratch = scratchRegister();
            mmio.write64(scratch, 0x8000_0000_0000_0001L);
            assertEquals(0x8000_0000_0000_0001L, mmio.read64(scratch), "all 64 bits, both ends");
            mmio.write64(scratch, 0xfedc_ba98_7654_3210L);
            assertEquals(0xfedc_ba98_7654_3210L, mmio.read64(scratch), "little-endian words read back as written");
            mmio.read64(0);
            mmio.read64(mmio.size() - 8);
            for (long bad : new long[] {4, -8, mmio.size(), mmio.size() - 4, Long.MIN_VALUE}) {
                assertThrows(IndexOutOfBoundsException.class, () -> mmio.read64(bad), "read at " + bad);
                assertThrows(IndexOutOfBoundsException.class, () -> mmio.write64(bad, 1), "write at " + bad);
            }
            assertEquals(0xfedc_ba98_7654_3210L, mmio.read64(scratch), "refused writes wrote nothing");
            try (GlobalMmio second = opened.afu().mapGlobalMmio()) {
                assertEquals(0xfedc_ba98_7654_3210L, second.read64(scratch), "two mappings, one area");
            }
            mmio.close();
            mmio.close(); // idempotent
            assertThrows(OcxlException.class, () -> mmio.read64(scratch), "read after unmap");
            assertThrows(OcxlException.class, () -> mmio.write64(scratch, 0), "write after unmap");
        }
    }

    @Test
    public void interruptsReachTheirHandlerOnAnotherThread() throws Exception {
        try (Opened opened = openAfu()) {
            Afu afu = opened.afu();
            BlockingQueue<AfuInterrupt> delivered = new LinkedBlockingQueue<>();
            BlockingQueue<Thread> threads = new LinkedBlockingQueue<>();
            try (Context context = afu.allocateContext(); GlobalMmio mmio = afu.mapGlobalMmio()) {
                context.attach();
                AfuInterrupt a = context.allocateInterrupt(irq -> {
                    threads.add(Thread.currentThread());
                    delivered.add(irq);
                });
                AfuInterrupt b = context.allocateInterrupt(delivered::add);
                assertNotEquals(0, a.handle(), "a handle is never 0");
                assertNotEquals(0, b.handle());
                assertNotEquals(a.handle(), b.handle(), "each interrupt its own handle");

                raise(mmio, a);
                assertEquals(a, delivered.poll(INTERRUPT_SECONDS, TimeUnit.SECONDS), "a raised, a delivered");
                assertNotEquals(Thread.currentThread(), threads.poll(), "not on the thread that made the AFU raise it");
                raise(mmio, b);
                assertEquals(b, delivered.poll(INTERRUPT_SECONDS, TimeUnit.SECONDS), "b raised, b delivered");

                a.close();
                raise(mmio, a);
                raise(mmio, b);
                assertEquals(b, delivered.poll(INTERRUPT_SECONDS, TimeUnit.SECONDS), "b again");
                assertNull(delivered.poll(), "a freed interrupt is not delivered");
            }
        }
    }

    @Test
    public void aFailingHandlerDoesNotStopLaterInterrupts() throws Exception {
        try (Opened opened = openAfu()) {
            Afu afu = opened.afu();
            BlockingQueue<Integer> calls = new LinkedBlockingQueue<>();
            AtomicInteger count = new AtomicInteger();
            try (Context context = afu.allocateContext(); GlobalMmio mmio = afu.mapGlobalMmio()) {
                context.attach();
                AfuInterrupt irq = context.allocateInterrupt(i -> {
                    int call = count.incrementAndGet();
                    calls.add(call);
                    if (call == 1) {
                        throw new IllegalStateException("the contract's handler fails its first call on purpose");
                    }
                });
                raise(mmio, irq);
                assertEquals(1, calls.poll(INTERRUPT_SECONDS, TimeUnit.SECONDS));
                raise(mmio, irq);
                assertEquals(2, calls.poll(INTERRUPT_SECONDS, TimeUnit.SECONDS), "delivered after a handler threw");
            }
        }
    }

    @Test
    public void aFreedContextAllocatesNoInterrupt() throws Exception {
        try (Opened opened = openAfu()) {
            Context context = opened.afu().allocateContext();
            context.close();
            assertThrows(OcxlException.class, () -> context.allocateInterrupt(irq -> { }));
        }
    }
}
