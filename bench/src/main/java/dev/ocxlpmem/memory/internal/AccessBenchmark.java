package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.Mapping;
import java.nio.MappedByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code getLong}/{@code putLong}, sequential (walking the 64 MiB file) and random (8-byte
 * aligned offsets anywhere in it), against a little-endian {@link MappedByteBuffer} of the
 * same file. Time per access; {@value #N} accesses per invocation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessBenchmark {

    static final int N = 1024;
    private static final long MASK = (BenchFile.SIZE - 1) & ~7L;
    private static final int OFFSETS = 1 << 20;

    private BenchFile bench;
    private Mapping mapping;
    private MappedByteBuffer buffer;
    private int[] offsets;
    private long cursor;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = new BenchFile();
        mapping = bench.mapping;
        buffer = bench.buffer;
        offsets = new int[OFFSETS];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < OFFSETS; i++) {
            offsets[i] = (int) (random.nextLong(BenchFile.SIZE) & MASK);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        bench.close();
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongSequential() {
        long sum = 0;
        long p = cursor;
        for (int i = 0; i < N; i++) {
            sum += mapping.getLong(p);
            p = (p + 8) & MASK;
        }
        cursor = p;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongSequentialMbb() {
        long sum = 0;
        long p = cursor;
        for (int i = 0; i < N; i++) {
            sum += buffer.getLong((int) p);
            p = (p + 8) & MASK;
        }
        cursor = p;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongRandom() {
        long sum = 0;
        int n = next;
        for (int i = 0; i < N; i++) {
            sum += mapping.getLong(offsets[(n + i) & (OFFSETS - 1)]);
        }
        next = n + N;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongRandomMbb() {
        long sum = 0;
        int n = next;
        for (int i = 0; i < N; i++) {
            sum += buffer.getLong(offsets[(n + i) & (OFFSETS - 1)]);
        }
        next = n + N;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongSequential() {
        long p = cursor;
        for (int i = 0; i < N; i++) {
            mapping.putLong(p, p);
            p = (p + 8) & MASK;
        }
        cursor = p;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongSequentialMbb() {
        long p = cursor;
        for (int i = 0; i < N; i++) {
            buffer.putLong((int) p, p);
            p = (p + 8) & MASK;
        }
        cursor = p;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongRandom() {
        int n = next;
        for (int i = 0; i < N; i++) {
            int offset = offsets[(n + i) & (OFFSETS - 1)];
            mapping.putLong(offset, i);
        }
        next = n + N;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongRandomMbb() {
        int n = next;
        for (int i = 0; i < N; i++) {
            int offset = offsets[(n + i) & (OFFSETS - 1)];
            buffer.putLong(offset, i);
        }
        next = n + N;
    }
}
