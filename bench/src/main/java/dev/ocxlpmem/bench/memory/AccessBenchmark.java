package dev.ocxlpmem.bench.memory;

import dev.ocxlpmem.memory.CheckedView;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * {@code getLong}/{@code putLong}, sequential (walking 64 MiB of the file) and random (8-byte
 * aligned offsets anywhere in those 64 MiB), three ways on the same file and the same loop:
 * <ul>
 * <li>{@code ...Mbb}: a little-endian {@link MappedByteBuffer}, the baseline;</li>
 * <li>{@code ...Scoped}: a {@link CheckedView} around the {@value #N} accesses of an invocation,
 *     whose close reports any fault;</li>
 * <li>no suffix: single accesses of the {@link Mapping}, each checked for faults.</li>
 * </ul>
 * Time per access. Run with {@code -t 1} and {@code -t 2}: the threads share the mapping, each
 * walks from its own start.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class AccessBenchmark {

    static final int N = 1024;
    static final long SPAN = 64L << 20;
    static final long MASK = (SPAN - 1) & ~7L;
    static final int OFFSETS = 1 << 20;

    /** The file, shared by the threads. */
    @State(Scope.Benchmark)
    public static class File {
        BenchFile bench;
        Mapping mapping;
        MappedByteBuffer buffer;
        int[] offsets;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            bench = new BenchFile();
            mapping = bench.mapping;
            buffer = bench.buffer;
            offsets = randomOffsets();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            bench.close();
        }
    }

    /** {@value #OFFSETS} 8-byte aligned offsets anywhere in the first {@value #SPAN} bytes, the same every run. */
    static int[] randomOffsets() {
        int[] offsets = new int[OFFSETS];
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < OFFSETS; i++) {
            offsets[i] = (int) (random.nextLong(SPAN) & MASK);
        }
        return offsets;
    }

    /** Where a thread is: its own start in the file and in the random offsets. */
    @State(Scope.Thread)
    public static class Cursor {
        long position;
        int next;

        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            position = (thread.getThreadIndex() * (SPAN / thread.getThreadCount())) & MASK;
            next = thread.getThreadIndex() * (OFFSETS / thread.getThreadCount());
        }
    }

    // ---- getLong sequential ----------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongSequentialMbb(File f, Cursor c) {
        MappedByteBuffer buffer = f.buffer;
        long sum = 0;
        long p = c.position;
        for (int i = 0; i < N; i++) {
            sum += buffer.getLong((int) p);
            p = (p + 8) & MASK;
        }
        c.position = p;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongSequentialScoped(File f, Cursor c) {
        long sum = 0;
        long p = c.position;
        try (CheckedView view = f.mapping.checked()) {
            for (int i = 0; i < N; i++) {
                sum += view.getLong(p);
                p = (p + 8) & MASK;
            }
        }
        c.position = p;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongSequential(File f, Cursor c) {
        Mapping mapping = f.mapping;
        long sum = 0;
        long p = c.position;
        for (int i = 0; i < N; i++) {
            sum += mapping.getLong(p);
            p = (p + 8) & MASK;
        }
        c.position = p;
        return sum;
    }

    // ---- getLong random --------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongRandomMbb(File f, Cursor c) {
        MappedByteBuffer buffer = f.buffer;
        int[] offsets = f.offsets;
        long sum = 0;
        int n = c.next;
        for (int i = 0; i < N; i++) {
            sum += buffer.getLong(offsets[(n + i) & (OFFSETS - 1)]);
        }
        c.next = n + N;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongRandomScoped(File f, Cursor c) {
        int[] offsets = f.offsets;
        long sum = 0;
        int n = c.next;
        try (CheckedView view = f.mapping.checked()) {
            for (int i = 0; i < N; i++) {
                sum += view.getLong(offsets[(n + i) & (OFFSETS - 1)]);
            }
        }
        c.next = n + N;
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long getLongRandom(File f, Cursor c) {
        Mapping mapping = f.mapping;
        int[] offsets = f.offsets;
        long sum = 0;
        int n = c.next;
        for (int i = 0; i < N; i++) {
            sum += mapping.getLong(offsets[(n + i) & (OFFSETS - 1)]);
        }
        c.next = n + N;
        return sum;
    }

    // ---- putLong sequential ----------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongSequentialMbb(File f, Cursor c) {
        MappedByteBuffer buffer = f.buffer;
        long p = c.position;
        for (int i = 0; i < N; i++) {
            buffer.putLong((int) p, p);
            p = (p + 8) & MASK;
        }
        c.position = p;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongSequentialScoped(File f, Cursor c) {
        long p = c.position;
        try (CheckedView view = f.mapping.checked()) {
            for (int i = 0; i < N; i++) {
                view.putLong(p, p);
                p = (p + 8) & MASK;
            }
        }
        c.position = p;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongSequential(File f, Cursor c) {
        Mapping mapping = f.mapping;
        long p = c.position;
        for (int i = 0; i < N; i++) {
            mapping.putLong(p, p);
            p = (p + 8) & MASK;
        }
        c.position = p;
    }

    // ---- putLong random --------------------------------------------------------------------

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongRandomMbb(File f, Cursor c) {
        MappedByteBuffer buffer = f.buffer;
        int[] offsets = f.offsets;
        int n = c.next;
        for (int i = 0; i < N; i++) {
            buffer.putLong(offsets[(n + i) & (OFFSETS - 1)], i);
        }
        c.next = n + N;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongRandomScoped(File f, Cursor c) {
        int[] offsets = f.offsets;
        int n = c.next;
        try (CheckedView view = f.mapping.checked()) {
            for (int i = 0; i < N; i++) {
                view.putLong(offsets[(n + i) & (OFFSETS - 1)], i);
            }
        }
        c.next = n + N;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public void putLongRandom(File f, Cursor c) {
        Mapping mapping = f.mapping;
        int[] offsets = f.offsets;
        int n = c.next;
        for (int i = 0; i < N; i++) {
            mapping.putLong(offsets[(n + i) & (OFFSETS - 1)], i);
        }
        c.next = n + N;
    }
}
