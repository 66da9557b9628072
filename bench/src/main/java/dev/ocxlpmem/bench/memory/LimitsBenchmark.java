package dev.ocxlpmem.bench.memory;

import java.nio.MappedByteBuffer;
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
 * What bounds the alternatives, to read the other tables: one JNA direct call (what a native
 * copy or {@code msync} costs beyond its work), and a runtime call that makes HotSpot deliver a
 * pending fault ({@code multianewarray} with dimensions the JIT cannot see: the provider's check
 * where the JVM's pending-fault word cannot be read), alone and after every access of a
 * {@link MappedByteBuffer} loop, where its fence also serialises independent loads.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class LimitsBenchmark {

    private static final int N = AccessBenchmark.N;
    private static final long MASK = AccessBenchmark.MASK;
    private static final int OFFSETS = AccessBenchmark.OFFSETS;

    /** Always 0; volatile so that the JIT cannot see the dimensions. */
    private static volatile int zero;

    private BenchFile bench;
    private MappedByteBuffer buffer;
    private int[] offsets;
    private long cursor;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = new BenchFile();
        buffer = bench.buffer;
        offsets = AccessBenchmark.randomOffsets();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        bench.close();
    }

    @Benchmark
    public long jnaCall() {
        return BenchFile.Libc.memcpy(0, 0, 0);
    }

    @Benchmark
    public int runtimeCall() {
        return new int[zero][zero].length;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongSequentialMbbRuntimeCall() {
        long sum = 0;
        long p = cursor;
        for (int i = 0; i < N; i++) {
            sum += buffer.getLong((int) p) + new int[zero][zero].length;
            p = (p + 8) & MASK;
        }
        cursor = p;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongRandomMbbRuntimeCall() {
        long sum = 0;
        int n = next;
        for (int i = 0; i < N; i++) {
            sum += buffer.getLong(offsets[(n + i) & (OFFSETS - 1)]) + new int[zero][zero].length;
        }
        next = n + N;
        return sum;
    }
}
