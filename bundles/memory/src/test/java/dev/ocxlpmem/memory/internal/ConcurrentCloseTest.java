package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** Closing while other threads read and write: no crash, only MappingClosedException. */
public class ConcurrentCloseTest {

    private static final int SIZE = 8 << 20;

    @TempDir
    Path dir;

    @RepeatedTest(5)
    void closeWhileThreadsReadAndWriteInALoop(RepetitionInfo repetition) throws Exception {
        closeWhileBusy(dir.resolve("busy" + repetition.getCurrentRepetition() + ".img"));
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

    /** Child JVM: five rounds in the mode its system properties select. */
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 5; i++) {
            closeWhileBusy(Path.of(args[0], "busy" + i + ".img"));
        }
        System.out.println(Faults.READS_PENDING_WORD ? "ok pending word" : "ok runtime call");
    }

    static void closeWhileBusy(Path file) throws Exception {
        MmapMemoryProvider provider = new MmapMemoryProvider();
        provider.createFile(file, SIZE);
        Mapping mapping = provider.map(file, 0, SIZE);
        Mapping slice = mapping.slice(4096, SIZE - 8192);
        Queue<Throwable> unexpected = new ConcurrentLinkedQueue<>();
        Queue<String> closedSeen = new ConcurrentLinkedQueue<>();
        CountDownLatch running = new CountDownLatch(4);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int kind = t;
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[64 * 1024];
                ThreadLocalRandom random = ThreadLocalRandom.current();
                long sum = 0;
                try {
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
                            default -> {
                                sum += slice.getInt(offset % (SIZE - 8192 - 4));
                                slice.fill(offset % (SIZE - 8192 - 70000), 65536, (byte) i);
                                slice.persist(0, 4096);
                            }
                        }
                    }
                } catch (MappingClosedException e) {
                    closedSeen.add(e.getMessage());
                } catch (Throwable e) {
                    unexpected.add(e);
                }
                // a fault left pending would be thrown at one of these VM transitions
                try {
                    for (int i = 0; i < 50; i++) {
                        buffer = new byte[1 << 16];
                        Thread.yield();
                    }
                } catch (Throwable e) {
                    unexpected.add(e);
                }
                if (sum == 42) {
                    System.out.print("");
                }
            }, "reader-" + t);
            threads.add(thread);
            thread.start();
        }
        assertTrue(running.await(20, java.util.concurrent.TimeUnit.SECONDS));
        Thread.sleep(ThreadLocalRandom.current().nextInt(5, 30));
        mapping.close();
        for (Thread thread : threads) {
            thread.join(20_000);
            assertFalse(thread.isAlive(), thread.getName() + " still running after close");
        }
        assertTrue(unexpected.isEmpty(), () -> "unexpected: " + unexpected);
        assertEquals(4, closedSeen.size());
        for (String message : closedSeen) {
            assertTrue(message.contains(file.getFileName().toString()) && message.contains("closed"), message);
        }
    }

    @Test
    void closeReleasesTheFile() throws Exception {
        MmapMemoryProvider provider = new MmapMemoryProvider();
        Path file = dir.resolve("released.img");
        provider.createFile(file, 1 << 20);
        Mapping mapping = provider.map(file, 0, 1 << 20);
        mapping.putLong(0, 1);
        assertTrue(mapsOf(file), "mapped while open");
        mapping.close();
        assertFalse(mapsOf(file), "the file is no longer mapped once closed");
    }

    private static boolean mapsOf(Path file) throws Exception {
        String real = file.toRealPath().toString();
        return Files.readAllLines(Path.of("/proc/self/maps")).stream().anyMatch(line -> line.endsWith(real));
    }
}
