package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.memory.MediaErrorException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Mapping#mapAgain}: the provider's second mapping of the same pages, and
 * {@link GuardedWindow}, the default for mappings that wrap another. Both see the parent's
 * memory, close without it and with it, refuse bad ranges before anything is mapped, and once
 * their close returns no store of a thread still writing through them reaches the memory.
 */
class MapAgainTest {

    private static final int SIZE = 1 << 20;
    private final MmapMemoryProvider provider = new MmapMemoryProvider();

    @TempDir
    Path dir;

    private Path file;

    private Mapping parent() throws IOException {
        file = dir.resolve("lpc.img");
        provider.createFile(file, SIZE);
        return provider.map(file, 0, SIZE);
    }

    @Test
    void seesTheSameMemoryAtAnyOffset() throws IOException {
        try (Mapping parent = parent()) {
            for (long offset : new long[] {0, 8192, 100, 4095, 5000, SIZE - 24}) {
                Mapping again = parent.mapAgain(offset, 24, "again");
                assertEquals(24, again.size());
                parent.putLong(offset + 8, 0x1122_3344_5566_7788L ^ offset);
                assertEquals(0x1122_3344_5566_7788L ^ offset, again.getLong(8), "at " + offset);
                again.putLong(16, offset);
                assertEquals(offset, parent.getLong(offset + 16), "at " + offset);
                again.persist(0, 24);
                again.close();
            }
            assertEquals(0, parent.mapAgain(SIZE, 0, "empty, at the end").size());
        }
    }

    @Test
    void closingItLeavesTheParentOpenAndReleasesItsOwnMapping() throws IOException {
        try (Mapping parent = parent()) {
            Mapping again = parent.mapAgain(4096, 8192, "namespace0.0");
            Mapping slice = again.slice(0, 4096);
            assertEquals(2, ConcurrentCloseTest.mappingsOf(file), "a second mapping of the file");
            again.close();
            MappingClosedException e = assertThrows(MappingClosedException.class, () -> again.getLong(0));
            assertTrue(e.getMessage().contains("namespace0.0 is closed"), e.getMessage());
            assertThrows(MappingClosedException.class, () -> slice.getLong(0));
            assertThrows(MappingClosedException.class, () -> again.checked(view -> view.getLong(0)));
            assertThrows(MappingClosedException.class, () -> again.slice(0, 8));
            assertEquals(1, ConcurrentCloseTest.mappingsOf(file), "its mapping of the file is released");
            parent.putLong(4096, 7);
            assertEquals(7, parent.getLong(4096), "the parent stays open");
        }
    }

    @Test
    void closingTheParentClosesIt() throws IOException {
        Mapping parent = parent();
        Mapping again = parent.mapAgain(0, 4096, "namespace0.0");
        Mapping againOfAgain = again.mapAgain(8, 8, "its part");
        parent.close();
        assertThrows(MappingClosedException.class, () -> again.getLong(0));
        assertThrows(MappingClosedException.class, () -> againOfAgain.getLong(0));
        assertEquals(0, ConcurrentCloseTest.mappingsOf(file), "no mapping of the file is left");
        assertThrows(MappingClosedException.class, () -> parent.mapAgain(0, 8, "late"));
    }

    @Test
    void badRangesAreRefusedBeforeAnythingIsMapped() throws IOException {
        try (Mapping parent = parent()) {
            long[][] bad = {{-1, 8}, {0, -8}, {SIZE - 8, 16}, {SIZE + 1, 0}, {Long.MAX_VALUE, 2}, {8, Long.MAX_VALUE}};
            for (long[] range : bad) {
                assertThrows(IndexOutOfBoundsException.class, () -> parent.mapAgain(range[0], range[1], "bad"),
                        range[0] + " +" + range[1]);
                assertThrows(IndexOutOfBoundsException.class,
                        () -> new GuardedWindow(parent, range[0], range[1], "bad"), range[0] + " +" + range[1]);
            }
            assertEquals(1, ConcurrentCloseTest.mappingsOf(file), "nothing was mapped");
            Mapping again = parent.mapAgain(0, 16, "namespace0.0");
            IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> again.getLong(9));
            assertTrue(e.getMessage().contains("namespace0.0"), e.getMessage());
        }
    }

    @Test
    void aFaultUnderItIsAMediaErrorNamingIt() throws IOException {
        try (Mapping parent = parent()) {
            Mapping again = parent.mapAgain(SIZE / 2, SIZE / 2, "namespace0.0");
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.truncate(4096);
            }
            MediaErrorException e = assertThrows(MediaErrorException.class, () -> again.getLong(64));
            assertTrue(e.getMessage().contains("namespace0.0"), e.getMessage());
            // the function form: a fault the JVM delivers early is a MediaErrorException too
            MediaErrorException inView = assertThrows(MediaErrorException.class,
                    () -> again.checked(view -> view.getLong(128)));
            assertTrue(inView.getMessage().contains("namespace0.0"), inView.getMessage());
        }
    }

    @Test
    void theProvidersMappingTakesNoStoreOnceCloseReturns() throws Exception {
        noStoreOnceCloseReturns((parent, offset) -> parent.mapAgain(offset, 8192, "again"));
    }

    @Test
    void theGuardedWindowTakesNoStoreOnceCloseReturns() throws Exception {
        noStoreOnceCloseReturns((parent, offset) -> new GuardedWindow(parent, offset, 8192, "window"));
    }

    /**
     * Writers store into the window in a loop (single values, bulk, checked views) while it is
     * closed; once close has returned, the parent clears the range, and nothing shows up there.
     */
    private void noStoreOnceCloseReturns(BiFunction<Mapping, Long, Mapping> window) throws Exception {
        try (Mapping parent = parent()) {
            for (int round = 0; round < 20; round++) {
                long offset = 4096L * round;
                Mapping data = window.apply(parent, offset);
                AtomicReference<Throwable> unexpected = new AtomicReference<>();
                CountDownLatch started = new CountDownLatch(3);
                List<Thread> writers = new ArrayList<>();
                for (int t = 0; t < 3; t++) {
                    int kind = t;
                    Thread writer = new Thread(() -> {
                        byte[] ones = new byte[4096];
                        java.util.Arrays.fill(ones, (byte) 1);
                        try {
                            for (long i = 1;; i++) {
                                if (i == 100) {
                                    started.countDown();
                                }
                                switch (kind) {
                                    case 0 -> data.putLong((i * 8) % 8192, i);
                                    case 1 -> data.put(4096, ones, 0, ones.length);
                                    default -> data.checked(view -> {
                                        view.putLong(0, -1);
                                        return null;
                                    });
                                }
                            }
                        } catch (MappingClosedException expected) {
                            // closed under it: what it must see
                        } catch (Throwable e) {
                            unexpected.compareAndSet(null, e);
                        }
                    });
                    writers.add(writer);
                    writer.start();
                }
                started.await();
                data.close();
                parent.fill(offset, 8192, (byte) 0);
                for (Thread writer : writers) {
                    writer.join(10_000);
                    assertFalse(writer.isAlive(), "a writer's access did not fail after close");
                }
                assertEquals(null, unexpected.get(), "only MappingClosedException");
                for (long at = 0; at < 8192; at += 8) {
                    assertEquals(0, parent.getLong(offset + at), "round " + round + ": a store landed after close, at " + at);
                }
            }
        }
    }
}
