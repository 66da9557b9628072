package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocxlpmem.memory.CheckedView;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Closing while other threads read and write (single values, bulk, a slice, persists, checked
 * views): no crash, only MappingClosedException — or, for a try-with-resources checked view,
 * HotSpot's InternalError for the fault if the JVM delivers it before the view closes.
 */
public class ConcurrentCloseTest {

    private static final int SIZE = 8 << 20;
    private static final int THREADS = 6;

    @TempDir
    Path dir;

    /** What the threads use, and what is closed under them. */
    enum Target {
        /** the provider's mapping, closed */
        MAPPING,
        /** a part of it mapped again, closed; the mapping stays open */
        MAPPED_AGAIN,
        /** a part of it mapped again, whose parent is closed */
        PARENT_OF_MAPPED_AGAIN
    }

    @RepeatedTest(5)
    void closeWhileThreadsReadAndWriteInALoop(RepetitionInfo repetition) throws Exception {
        closeWhileBusy(dir.resolve("busy" + repetition.getCurrentRepetition() + ".img"), Target.MAPPING);
    }

    @RepeatedTest(3)
    void closeAMappingMappedAgainWhileThreadsUseIt(RepetitionInfo repetition) throws Exception {
        closeWhileBusy(dir.resolve("again" + repetition.getCurrentRepetition() + ".img"), Target.MAPPED_AGAIN);
    }

    @RepeatedTest(3)
    void closeTheParentOfAMappingMappedAgainWhileThreadsUseIt(RepetitionInfo repetition) throws Exception {
        closeWhileBusy(dir.resolve("parent" + repetition.getCurrentRepetition() + ".img"),
                Target.PARENT_OF_MAPPED_AGAIN);
    }

    @Test
    void sameWithTheRuntimeCallForEveryCheck() throws Exception {
        Process child = ChildJvm.start(ConcurrentCloseTest.class,
                List.of("-Ddev.ocxlpmem.memory.faultCheck=runtimeCall"), dir.toString());
        String out = new String(child.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), out);
        assertEquals("ok runtime call", out.trim());
    }

    /** Child JVM: three rounds in the mode its system properties select. */
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 3; i++) {
            closeWhileBusy(Path.of(args[0], "busy" + i + ".img"), Target.values()[i]);
        }
        System.out.println(Faults.READS_PENDING_WORD ? "ok pending word" : "ok runtime call");
    }

    static void closeWhileBusy(Path file, Target target) throws Exception {
        MmapMemoryProvider provider = new MmapMemoryProvider();
        provider.createFile(file, SIZE + 4096);
        Mapping parent = provider.map(file, 0, SIZE + 4096);
        Mapping mapping = target == Target.MAPPING ? parent
                : parent.mapAgain(4096, SIZE, "again of " + file.getFileName());
        Mapping slice = mapping.slice(4096, SIZE - 8192);
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        Queue<String> closedSeen = new ConcurrentLinkedQueue<>();
        Queue<InternalError> deliveredEarly = new ConcurrentLinkedQueue<>();
        CountDownLatch running = new CountDownLatch(THREADS);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int kind = t;
            Thread thread = new Thread(() -> {
                try {
                    busy(kind, mapping, slice, running);
                } catch (MappingClosedException e) {
                    closedSeen.add(e.getMessage());
                } catch (InternalError e) {
                    if (kind == 4 && Faults.isFault(e)) { // the JVM may deliver it before the view closes
                        deliveredEarly.add(e);
                    } else {
                        unexpected.add(new AssertionError("thread " + kind + " while busy", e));
                    }
                } catch (Throwable e) {
                    unexpected.add(new AssertionError("thread " + kind + " while busy", e));
                }
                // a fault left pending would be thrown at one of these VM transitions
                try {
                    byte[] garbage = null;
                    for (int i = 0; i < 50; i++) {
                        garbage = new byte[1 << 16];
                        Thread.yield();
                    }
                    assertEquals(1 << 16, garbage.length);
                } catch (Throwable e) {
                    unexpected.add(new AssertionError("thread " + kind + " after close: a fault was left pending", e));
                }
            }, "reader-" + t);
            thread.setUncaughtExceptionHandler((th, e) -> unexpected.add(new AssertionError(th.getName() + " died", e)));
            threads.add(thread);
            thread.start();
        }
        assertTrue(running.await(20, java.util.concurrent.TimeUnit.SECONDS));
        Thread.sleep(ThreadLocalRandom.current().nextInt(5, 30));
        (target == Target.MAPPED_AGAIN ? mapping : parent).close();
        for (Thread thread : threads) {
            thread.join(20_000);
            assertFalse(thread.isAlive(), thread.getName() + " still running after close");
        }
        if (!unexpected.isEmpty()) {
            AssertionError failure = new AssertionError("unexpected: " + unexpected);
            unexpected.forEach(failure::addSuppressed);
            throw failure;
        }
        assertEquals(THREADS, closedSeen.size() + deliveredEarly.size());
        for (String message : closedSeen) {
            assertTrue(message.contains(file.getFileName().toString()) && message.contains("closed"), message);
        }
        if (target == Target.MAPPED_AGAIN) {
            parent.putLong(SIZE, 42);
            assertEquals(42, parent.getLong(SIZE), "the parent stays open");
            parent.close();
        }
    }

    /** One thread's accesses of one kind, until the mapping is closed under it. */
    private static void busy(int kind, Mapping mapping, Mapping slice, CountDownLatch running) {
        byte[] buffer = new byte[64 * 1024];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long sum = 0;
        for (long i = 0;; i++) {
            if (i == 1000) {
                running.countDown();
            }
            long offset = random.nextLong(SIZE - buffer.length) & ~7L;
            switch (kind) {
                case 0 -> sum += mapping.getLong(offset);
                case 1 -> mapping.get(offset, buffer, 0, buffer.length);
                case 2 -> {
                    mapping.putLong(offset, i);
                    mapping.put(offset, buffer, 0, 4096);
                }
                case 3 -> {
                    sum += slice.getInt(offset % (SIZE - 8192 - 4));
                    slice.fill(offset % (SIZE - 8192 - 70000), 65536, (byte) i);
                    slice.persist(0, 4096);
                }
                case 4 -> { // a checked view: no check per access, the fault comes at close
                    try (CheckedView view = mapping.checked(offset, 4096)) {
                        for (int j = 0; j < 4096; j += 8) {
                            view.putLong(j, sum);
                            sum += view.getLong(j ^ 8);
                        }
                    }
                }
                default -> sum += mapping.checked(view -> { // and as a function: only MappingClosedException
                    long s = 0;
                    for (int j = 0; j < 4096; j += 8) {
                        s += view.getLong(offset + j);
                        view.putInt(offset + j, (int) s);
                    }
                    return s;
                });
            }
            buffer[0] = (byte) sum;
        }
    }

    @Test
    void closeReleasesTheFile() throws Exception {
        MmapMemoryProvider provider = new MmapMemoryProvider();
        Path file = dir.resolve("released.img");
        provider.createFile(file, 1 << 20);
        Mapping mapping = provider.map(file, 0, 1 << 20);
        mapping.putLong(0, 1);
        assertTrue(mappingsOf(file) > 0, "mapped while open");
        mapping.close();
        assertEquals(0, mappingsOf(file), "the file is no longer mapped once closed");
    }

    /** How many of this process's mappings (lines of /proc/self/maps) map {@code file}. */
    static long mappingsOf(Path file) throws java.io.IOException {
        String real = file.toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(line -> line.endsWith(real)).count();
    }
}
