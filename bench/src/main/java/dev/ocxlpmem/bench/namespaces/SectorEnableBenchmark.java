package dev.ocxlpmem.bench.namespaces;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * Enabling a 1 GiB sector namespace with 512-byte sectors (a BTT 2.0 of one arena, 2,080,583 map
 * entries: 7.9 MiB of map), as {@code ndctl:enable-namespace} does it: the BTT probed, its arenas
 * read and verified (info blocks, log, every map entry, every block named once), Linux's recovery,
 * the namespace's second mapping and its service. Each enable follows a disable (not timed).
 * Baselines in the same run: the map's bytes read once into an {@code int[]}, in 1 MiB pieces as
 * the BTT reads them, through the region's mapping ({@code readMapOnce}), and through a fresh
 * second mapping of the namespace, whose page tables start empty as an enabled namespace's do
 * ({@code readMapOnceFreshMapping}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 10, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class SectorEnableBenchmark {
    static final long SIZE = 1L << 30;

    BenchCard card;
    String dev;
    long namespaceBase;
    long mapAt;
    int entries;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        card = new BenchCard(0);
        NamespaceInfo ns = card.namespaces.create("region0", NamespaceOptions.none().withMode(NamespaceMode.SECTOR)
                .withSize(SIZE).withSectorSize(512).withName("enable"));
        dev = ns.dev();
        namespaceBase = ns.dpa(); // the region's mapping starts at DPA 0
        BttInfo arena = LinuxBtt.driver().readInfoBlock(card.memory.slice(namespaceBase, SIZE), BttVersion.V2_0).orElseThrow();
        if (arena.nextOff() != 0 || arena.externalLbaSize() != 512) {
            throw new IllegalStateException("expected one arena of 512-byte sectors: " + arena);
        }
        mapAt = namespaceBase + arena.offset() + arena.mapOff();
        entries = (int) arena.externalNlba();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        card.close();
    }

    @Setup(Level.Invocation)
    public void disable() throws Exception {
        card.namespaces.disable(dev);
    }

    @Benchmark
    public Object enable() throws Exception {
        card.namespaces.enable(dev);
        return card.namespaces.data(dev).orElseThrow();
    }

    @Benchmark
    public int[] readMapOnce() {
        return readMap(card.memory, mapAt);
    }

    @Benchmark
    public int[] readMapOnceFreshMapping() {
        try (Mapping fresh = card.memory.mapAgain(namespaceBase, SIZE, "baseline")) {
            return readMap(fresh, mapAt - namespaceBase);
        }
    }

    private int[] readMap(Mapping m, long at) {
        int[] map = new int[entries];
        byte[] chunk = new byte[1 << 20];
        ByteBuffer buf = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN);
        for (int lba = 0; lba < entries; ) {
            int n = Math.min(entries - lba, chunk.length / Integer.BYTES);
            m.get(at + (long) lba * Integer.BYTES, chunk, 0, n * Integer.BYTES);
            buf.clear();
            buf.asIntBuffer().get(map, lba, n);
            lba += n;
        }
        return map;
    }
}
