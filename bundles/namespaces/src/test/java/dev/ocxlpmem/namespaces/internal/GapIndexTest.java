package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.namespaces.NamespaceException;

/**
 * The gap index against the plain answers, and the indexed allocator against Linux's own scan
 * ({@link DpaResources#scanOnly}, which the Linux transcripts check): the same random creates,
 * destroys, resizes and odd reservations on both, the same ranges, free space and largest extent
 * after every step.
 */
class GapIndexTest {
    static final long MIB = 1L << 20;

    @Test
    void firstFitAndLargestAsAListWouldAnswer() {
        Random random = new Random(11);
        GapIndex index = new GapIndex();
        TreeMap<Long, Long> plain = new TreeMap<>();
        for (int step = 0; step < 20_000; step++) {
            long start = random.nextInt(5000) * 4096L;
            if (plain.containsKey(start)) {
                assertEquals((long) plain.remove(start), index.remove(start));
            } else {
                long size = 1 + random.nextInt(1 << 20);
                plain.put(start, size);
                index.add(start, size);
            }
            long n = 1 + random.nextInt(1 << 20);
            long expected = plain.entrySet().stream().filter(e -> e.getValue() >= n).mapToLong(e -> e.getKey())
                    .findFirst().orElse(-1);
            assertEquals(expected, index.firstFit(n), "first fit of " + n);
            assertEquals(plain.values().stream().mapToLong(Long::longValue).max().orElse(0), index.largest());
            assertEquals(plain.size(), index.count());
            long at = random.nextInt(5000) * 4096L + 7;
            Long floor = plain.floorKey(at);
            assertEquals(floor == null ? -1 : floor, index.floor(at));
        }
    }

    @Test
    void theIndexedAllocatorDecidesAsLinuxsScan() throws Exception {
        for (long seed = 1; seed <= 6; seed++) {
            Random random = new Random(seed);
            long size = (seed % 2 == 0 ? 1024 : 1000) * MIB; // a region not a multiple of the align, too
            DpaResources indexed = new DpaResources(0, size, 16 * MIB);
            DpaResources scan = DpaResources.scanOnly(0, size, 16 * MIB);
            List<String> live = new ArrayList<>();
            for (int step = 0; step < 400; step++) {
                int what = random.nextInt(10);
                String name;
                long bytes;
                if (live.isEmpty() || what < 5) {
                    name = "pmem-" + seed + "-" + step;
                    bytes = (1 + random.nextInt(8)) * 16 * MIB;
                    live.add(name);
                } else if (what < 8) {
                    name = live.remove(random.nextInt(live.size()));
                    bytes = 0;
                } else {
                    name = live.get(random.nextInt(live.size()));
                    bytes = (1 + random.nextInt(8)) * 16 * MIB;
                }
                if (step % 100 == 50) {
                    // a label from elsewhere, off the align: both take the scan while it is there
                    long at = random.nextInt((int) (size / 4096 / 2)) * 4096L;
                    assertEquals(refusal(() -> scan.reserve("pmem-odd", at, 4 * MIB)),
                            refusal(() -> indexed.reserve("pmem-odd", at, 4 * MIB)));
                }
                if (step % 100 == 90) {
                    same(() -> indexed.resize("pmem-odd", 0), () -> scan.resize("pmem-odd", 0));
                }
                String n = name;
                long b = bytes;
                String why = "seed " + seed + " step " + step + ": " + name + " to " + bytes;
                String refusedIndexed = refusal(() -> indexed.resize(n, b));
                String refusedScan = refusal(() -> scan.resize(n, b));
                assertEquals(refusedScan, refusedIndexed, why);
                if (refusedScan != null && bytes > 0 && indexed.allocated(name) == 0) {
                    live.remove(name);
                }
                assertEquals(scan.extents(), indexed.extents(), why);
                assertEquals(scan.availableSize(), indexed.availableSize(), why);
                assertEquals(scan.maxAvailableExtent(), indexed.maxAvailableExtent(), why);
                long probe = (1 + random.nextInt(8)) * 16 * MIB;
                assertEquals(refusal(() -> scan.copy().resize("pmem-probe", probe)),
                        refusal(() -> indexed.placement("pmem-probe", probe)), why);
                if (refusal(() -> scan.copy().resize("pmem-probe", probe)) == null) {
                    DpaResources trial = scan.copy();
                    trial.resize("pmem-probe", probe);
                    assertEquals(trial.extents("pmem-probe").get(0).start(), indexed.placement("pmem-probe", probe), why);
                }
            }
        }
    }

    @FunctionalInterface
    interface Step {
        void run() throws NamespaceException;
    }

    private static void same(Step a, Step b) throws NamespaceException {
        a.run();
        b.run();
    }

    private static String refusal(Step step) {
        try {
            step.run();
            return null;
        } catch (NamespaceException e) {
            return e.getMessage();
        }
    }
}
