package dev.ocxlpmem.bench.namespaces;

import java.util.SplittableRandom;
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

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * A namespace's data as an application gets it (issue 12's last row): 4 KiB random reads, and
 * 4 KiB random writes persisted, through the {@code Namespace} service's {@code data()} of a raw
 * 256 MiB namespace, against the same accesses on the region's own {@code Mapping} at the same
 * addresses, in the same run. What the service adds is its window: the bounds translation and the
 * lifetime that lets a disable close it under readers.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DataBenchmark {
    static final int BLOCK = 4096;
    static final long SIZE = 256L << 20;

    BenchCard card;
    Mapping service;
    Mapping raw;
    long base;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        card = new BenchCard(0);
        NamespaceInfo ns = card.namespaces.create("region0",
                NamespaceOptions.none().withMode("raw").withSize("256M").withName("data"));
        service = card.namespaces.data(ns.dev()).orElseThrow().data();
        raw = card.memory;
        base = ns.dpa(); // the region's mapping starts at DPA 0; a raw namespace's data at its DPA
        byte[] fill = new byte[1 << 20];
        for (long at = 0; at < SIZE; at += fill.length) {
            raw.put(base + at, fill, 0, fill.length); // every page backed before anything is timed
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        card.close();
    }

    /** Each thread's buffer and random block numbers. */
    @State(Scope.Thread)
    public static class Cursor {
        final byte[] buffer = new byte[BLOCK];
        final SplittableRandom random = new SplittableRandom(42);

        long next() {
            return random.nextLong(SIZE / BLOCK) * BLOCK;
        }
    }

    @Benchmark
    public byte[] readService(Cursor c) {
        service.get(c.next(), c.buffer, 0, BLOCK);
        return c.buffer;
    }

    @Benchmark
    public byte[] readRaw(Cursor c) {
        raw.get(base + c.next(), c.buffer, 0, BLOCK);
        return c.buffer;
    }

    @Benchmark
    public byte[] writeService(Cursor c) {
        service.copyAndPersist(c.next(), c.buffer, 0, BLOCK);
        return c.buffer;
    }

    @Benchmark
    public byte[] writeRaw(Cursor c) {
        raw.copyAndPersist(base + c.next(), c.buffer, 0, BLOCK);
        return c.buffer;
    }
}
