package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.CheckedView;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MediaErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The file is truncated to one page under a live mapping; every access to the pages past the
 * new end of file must fail with {@link MediaErrorException} — not return garbage, not crash,
 * not throw an {@link InternalError} later:
 * <ul>
 * <li>a single or bulk access at once, with its own offset;</li>
 * <li>an access of a {@link CheckedView} by the time the view closes, naming the view's range,
 *     or earlier as HotSpot's own {@link InternalError} (which {@code checked(work)} turns into a
 *     {@link MediaErrorException} too); and never is the code after the scope reached.</li>
 * </ul>
 * Runs in the test JVM (after enough warm-up for C2) and, through {@link #main}, in child JVMs
 * that only interpret, only use C1, or make the runtime call for every check.
 */
public final class FaultScenario {

    static final int PAGE = 4096;
    static final int PAGES = 16;
    private static final long GOOD = 0x1122334455667788L;

    /** Always 0: dimensions the JIT cannot see make {@code new int[zero][zero]} a runtime call. */
    private static volatile int zero;
    private static long sink;
    private static int earlyInternalErrors;

    private FaultScenario() {
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("ok");
    }

    static void run(Path dir, int warmUp) throws IOException {
        MmapMemoryProvider provider = new MmapMemoryProvider();
        Path file = Files.createTempFile(dir, "fault", ".img");
        Files.delete(file);
        provider.createFile(file, PAGES * PAGE);
        Mapping m = provider.map(file, 0, PAGES * PAGE);
        final byte[] buffer = new byte[PAGES * PAGE];
        long sum = 0;
        for (int i = 0; i < warmUp; i++) {
            long offset = (i * 8L) % (PAGES * PAGE);
            m.putLong(offset, i);
            sum += m.getLong(offset) + m.getInt(offset) + m.getShort(offset) + m.getByte(offset);
            try (CheckedView view = m.checked()) {
                view.putLong(offset, i);
                sum += view.getLong(offset) + view.getInt(offset) + view.getShort(offset) + view.getByte(offset);
                view.putInt(offset, i);
                view.putShort(offset, (short) i);
                view.putByte(offset, (byte) i);
            }
            sum += m.checked(view -> view.getLong(offset));
            if (i % 1000 == 0) {
                m.get(0, buffer, 0, buffer.length);
                m.put(0, buffer, 0, buffer.length);
            }
        }
        m.putLong(0, GOOD);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(PAGE);
        }
        for (int i = 0; i < 1000; i++) {
            long offset = PAGE + (long) (i % (PAGES - 1)) * PAGE + (i % 8) * 8;
            expect(offset, 8, () -> m.getLong(offset));
            expect(offset, 8, () -> m.putLong(offset, 1));
            expect(offset, 4, () -> m.getInt(offset));
            expect(offset, 2, () -> m.putShort(offset, (short) 1));
            expect(offset, 1, () -> m.getByte(offset));

            long size = m.size();
            expectInView(m, 0, size, view -> sink += view.getLong(offset));
            expectInView(m, 0, size, view -> view.putLong(offset, 1));
            expectInView(m, 0, size, view -> sink += view.getInt(offset));
            expectInView(m, 0, size, view -> view.putShort(offset, (short) 1));
            expectInView(m, 0, size, view -> sink += view.getByte(offset));
            expectInView(m, PAGE, 3 * PAGE, view -> sink += view.getLong(8)); // offsets relative to the view
            expectInView(m, 0, size, view -> {
                sink += view.getLong(0) + view.getLong(offset) + view.getLong(8);
                view.putLong(16, sink);
            });
        }
        for (int i = 0; i < 100; i++) {
            expect(PAGE, PAGE, () -> m.get(0, buffer, 0, buffer.length));
            expect(PAGE, 8100 - PAGE, () -> m.get(100, buffer, 0, 8000)); // the faulting page's part of the access
            expect(PAGE, 190, () -> m.put(PAGE - 10, buffer, 0, 200));
            expect(5 * PAGE + 1, 10, () -> m.put(5 * PAGE + 1, buffer, 0, 10));
            expect(PAGE, PAGE, () -> m.fill(8, 3 * PAGE, (byte) 1));
            expect(PAGE, PAGE, () -> m.get(0, ByteBuffer.allocateDirect(2 * PAGE)));
            // offsets are relative to the slice
            expect(PAGE, 10, () -> m.slice(PAGE, 3 * PAGE).get(PAGE, buffer, 0, 10));

            earlyDeliveryInsideAView(m);
            exactAccessesInsideAFaultingView(m, buffer);
            faultsOfExactAccessesAndInnerViewsReachTheViews(m);
        }
        // the page that is still in the file still works, and held what was written
        check(m.getLong(0) == GOOD, "first page lost its data");
        try (CheckedView view = m.checked(0, PAGE)) {
            sum += view.getLong(0);
        }
        check(m.checked(view -> view.getLong(0)) == GOOD, "a view of the good page");
        m.get(0, buffer, 0, PAGE);
        m.putLong(8, sum + sink);
        m.close();
        // nothing left pending: an unsafe-access error would surface at the next VM transitions
        byte[] garbage = null;
        for (int i = 0; i < 100; i++) {
            garbage = new byte[1 << 16];
            Thread.yield();
        }
        check(garbage.length == 1 << 16, "");
        System.gc();
        check(earlyInternalErrors < 1000 * 7 / 2, "most view faults were delivered early: " + earlyInternalErrors);
    }

    /**
     * A fault the JVM delivers inside the body (here forced by a runtime call): the
     * try-with-resources scope lets HotSpot's InternalError through, {@code checked(work)} turns
     * it into a MediaErrorException. Either way nothing stays pending.
     */
    private static void earlyDeliveryInsideAView(Mapping m) {
        try (CheckedView view = m.checked()) {
            sink += view.getLong(2 * PAGE);
            runtimeCall();
            throw new AssertionError("the runtime call did not deliver the fault");
        } catch (InternalError e) {
            check(Faults.isFault(e), "not HotSpot's fault report: " + e);
        }
        try {
            m.checked(view -> {
                sink += view.getLong(2 * PAGE);
                runtimeCall();
                return null;
            });
            throw new AssertionError("checked(work) returned after a fault");
        } catch (MediaErrorException e) {
            check(e.offset() == 0 && e.length() == m.size(), "range of " + e);
        }
        try (CheckedView view = m.checked(0, PAGE)) {
            sink += view.getLong(0);
        }
    }

    /** A fault of the view is pending; exact accesses of good memory meanwhile succeed, and leave it to the view. */
    private static void exactAccessesInsideAFaultingView(Mapping m, byte[] buffer) {
        try (CheckedView view = m.checked()) {
            sink += view.getLong(3 * PAGE);
            check(m.getLong(0) == GOOD, "an exact read of the good page inside a faulting view");
            m.get(0, buffer, 0, 16);
            check(buffer[7] == 0x11, "a bulk read of the good page inside a faulting view");
            m.putLong(16, 7);
            check(m.getLong(16) == 7, "an exact write of the good page inside a faulting view");
        } catch (MediaErrorException e) {
            check(e.offset() == 0 && e.length() == m.size(), "range of " + e);
            return;
        } catch (InternalError e) {
            check(Faults.isFault(e), "not HotSpot's fault report: " + e);
            earlyInternalErrors++;
            return;
        }
        throw new AssertionError("the view's fault was lost");
    }

    /**
     * An exact access that faults inside a view reports itself, with its offset; the view reports
     * a fault too (the JVM keeps one per thread). Nested views both report an inner fault (the
     * inner one a {@code checked(work)}, whose fault is an exception of ours even when the JVM
     * delivers it early; an InternalError caught inside a view would hide it from the view).
     */
    private static void faultsOfExactAccessesAndInnerViewsReachTheViews(Mapping m) {
        expectInView(m, 0, m.size(), view -> {
            sink += view.getLong(0);
            expect(4 * PAGE, 8, () -> m.getLong(4 * PAGE));
            view.putLong(24, 1);
        });
        expectInView(m, 0, PAGE, outer -> {
            sink += outer.getLong(0);
            try {
                sink += m.slice(2 * PAGE, PAGE).checked(inner -> inner.getLong(8));
                throw new AssertionError("the inner view returned after a fault");
            } catch (MediaErrorException e) {
                check(e.offset() == 0 && e.length() == PAGE, "range of " + e); // relative to the slice
            }
            outer.putLong(24, 1);
        });
        try (CheckedView good = m.checked(0, PAGE)) {
            sink += good.getLong(0);
        }
    }

    private static void expect(long offset, long length, Runnable access) {
        try {
            access.run();
        } catch (MediaErrorException e) {
            check(e.offset() == offset, "fault reported at " + e.offset() + ", expected " + offset + ": " + e);
            check(e.length() == length, "fault length " + e.length() + ", expected " + length + ": " + e);
            check(e.getMessage().contains("offset " + offset), e.getMessage());
            return;
        }
        throw new AssertionError("access at " + offset + " past end of file did not fail");
    }

    private static void expectInView(Mapping m, long from, long length, Consumer<CheckedView> body) {
        try (CheckedView view = m.checked(from, length)) {
            body.accept(view);
        } catch (MediaErrorException e) {
            check(e.offset() == from && e.length() == length, "view fault reported for [" + e.offset() + ", +"
                    + e.length() + "), expected [" + from + ", +" + length + "): " + e);
            check(e.getMessage().contains("offset " + from), e.getMessage());
            return;
        } catch (InternalError e) {
            check(Faults.isFault(e), "not HotSpot's fault report: " + e);
            earlyInternalErrors++;
            return;
        }
        throw new AssertionError("a view with an access past end of file closed without a fault");
    }

    private static void runtimeCall() {
        check(new int[zero][zero].length == 0, "");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
