package dev.ocxlpmem.namespaces.internal;

import static dev.ocxlpmem.namespaces.internal.LifecycleTest.options;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.namespaces.NamespaceInfo;

/**
 * Disabling, destroying or unplugging under readers and writers of the namespace's data: each
 * access either completes or throws {@link MappingClosedException}, never anything else, and once
 * the call returns no access reaches the memory: a destroyed raw namespace's first 8 KiB stay
 * cleared although writers were storing into them up to the last moment.
 */
class DataWithdrawalTest {
    static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    enum Withdrawal { DISABLE, DESTROY, UNPLUG }

    @Test
    void disablingUnderLoad() throws Exception {
        run(Withdrawal.DISABLE);
    }

    @Test
    void destroyingUnderLoad() throws Exception {
        run(Withdrawal.DESTROY);
    }

    @Test
    void unpluggingUnderLoad() throws Exception {
        run(Withdrawal.UNPLUG);
    }

    /** Enabling maps the namespace's range a second time; disabling releases that mapping. */
    @Test
    void anEnabledNamespaceIsASecondMappingOfTheImageThatDisableReleases() throws Exception {
        try (ImageCard card = new ImageCard(ImageCard.blank(dir, 128 << 10, 256 * MIB), 74565, 128 << 10,
                SectorProbe.NONE)) {
            card.region().disable();
            card.labels.init(card.dimm(), LabelVersion.V1_2, true);
            card.region().enable();
            long before = mappingsOf(card.image);
            NamespaceInfo raw = card.driver.create("region0", options("raw", "16M", "raw"));
            Mapping data = card.driver.data(raw.dev()).orElseThrow().data();
            assertEquals(before + 1, mappingsOf(card.image), "the namespace's own mapping");
            data.putLong(8, 42);
            assertEquals(42, card.memory().getLong(raw.dpa() + 8), "the same pages as the region's");
            card.driver.disable(raw.dev());
            assertEquals(before, mappingsOf(card.image), "released by the disable");
        }
    }

    private static long mappingsOf(Path file) throws java.io.IOException {
        String real = file.toRealPath().toString();
        return java.nio.file.Files.readAllLines(Path.of("/proc/self/maps")).stream().filter(l -> l.endsWith(real)).count();
    }

    private void run(Withdrawal how) throws Exception {
        for (int round = 0; round < 3; round++) {
            try (ImageCard card = new ImageCard(ImageCard.blank(dir, 128 << 10, 256 * MIB), 74565, 128 << 10,
                    SectorProbe.NONE)) {
                card.region().disable();
                card.labels.init(card.dimm(), LabelVersion.V1_2, true);
                card.region().enable();
                NamespaceInfo raw = card.driver.create("region0", options("raw", "16M", "raw"));
                Mapping data = card.driver.data(raw.dev()).orElseThrow().data();
                int threads = 4;
                CountDownLatch started = new CountDownLatch(threads);
                AtomicReference<Throwable> unexpected = new AtomicReference<>();
                AtomicLong accesses = new AtomicLong();
                List<Thread> workers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int me = t;
                    Thread w = new Thread(() -> {
                        started.countDown();
                        byte[] block = new byte[4096];
                        try {
                            for (long i = 0; ; i++) {
                                long at = (i * 8 + me * 1024) % 8192; // in the 8 KiB a destroy clears
                                data.putLong(at, 0x5555_0000_0000_0000L | i);
                                data.getLong(at);
                                data.get(8192, block, 0, block.length);
                                data.put(12288, block, 0, block.length);
                                if (i % 64 == 0) {
                                    data.persist(0, 8192);
                                }
                                accesses.incrementAndGet();
                            }
                        } catch (MappingClosedException expected) {
                            // the namespace went away: exactly what a reader must see
                        } catch (Throwable e) {
                            unexpected.compareAndSet(null, e);
                        }
                    }, "data-" + t);
                    workers.add(w);
                    w.start();
                }
                started.await();
                Thread.sleep(20);
                switch (how) {
                    case DISABLE -> card.driver.disable(raw.dev());
                    case DESTROY -> card.driver.destroy(raw.dev(), true);
                    default -> card.unplug();
                }
                if (how == Withdrawal.DESTROY) {
                    // no store of the writers landed after the clear: it happened after the last of them
                    byte[] head = new byte[8192];
                    card.memory().get(raw.dpa(), head, 0, head.length);
                    assertEquals(8192, count(head, (byte) 0), "round " + round + ": the cleared 8 KiB stay clear");
                }
                for (Thread w : workers) {
                    w.join(10_000);
                    assertTrue(!w.isAlive(), w.getName() + " still running: its access did not fail");
                }
                assertEquals(null, unexpected.get(), "only MappingClosedException");
                assertTrue(accesses.get() > 0, "the workers ran");
            }
        }
    }

    private static int count(byte[] b, byte value) {
        int n = 0;
        for (byte x : b) {
            if (x == value) {
                n++;
            }
        }
        return n;
    }
}
