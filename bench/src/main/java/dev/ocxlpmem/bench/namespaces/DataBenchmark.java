package dev.ocxlpmem.bench.namespaces;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * A namespace's data as an application gets it (issue 12's last row): 4 KiB random reads, and
 * 4 KiB random writes persisted, through the {@code Namespace} service's {@code data()} of a raw
 * 256 MiB namespace, against the same accesses on the region's own {@code Mapping} at the same
 * addresses, in the same run. The service's data is the region's range mapped again, so that a
 * disable can close it under readers; {@code getLong*} shows what that costs per access: one
 * 8-byte read at a random aligned offset, where anything added would be most of the work.
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
                NamespaceOptions.none().withMode(NamespaceMode.RAW).withSize(SIZE).withName("data"));
        service = card.namespaces.data(ns.dev()).orElseThrow().data();
        raw = card.memory;
        base = ns.dpa(); // the region's mapping starts at DPA 0; a raw namespace's data at its DPA
        // Every page backed before anything is timed, through a third mapping, so that neither
        // side has its page tables yet; then both get theirs the same way, page by page in turn.
        // (Filled through one of them, that one's random 4 KiB reads ran up to 10 % faster or
        // slower than the other's in this VM, depending on which was filled: page-table layout.)
        try (Mapping filler = raw.mapAgain(base, SIZE, "filler")) {
            byte[] fill = new byte[1 << 20];
            for (long at = 0; at < SIZE; at += fill.length) {
                filler.put(at, fill, 0, fill.length);
            }
        }
        for (long at = 0; at < SIZE; at += 4096) {
            raw.getLong(base + at);
            service.getLong(at);
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
        // Each thread its own sequence (the same ones for the service and the raw runs), so that
        // two threads do not read the same blocks in step.
        final SplittableRandom random = new SplittableRandom(42 + SEEDS.getAndIncrement());

        long next() {
            return random.nextLong(SIZE / BLOCK) * BLOCK;
        }

        long nextLong() {
            return random.nextLong(SIZE / Long.BYTES) * Long.BYTES;
        }
    }

    static final AtomicLong SEEDS = new AtomicLong();

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

    @Benchmark
    public long getLongService(Cursor c) {
        return service.getLong(c.nextLong());
    }

    @Benchmark
    public long getLongRaw(Cursor c) {
        return raw.getLong(base + c.nextLong());
    }
}
