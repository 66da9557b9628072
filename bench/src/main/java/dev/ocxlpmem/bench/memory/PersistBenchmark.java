package dev.ocxlpmem.bench.memory;

import java.nio.MappedByteBuffer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code Mapping.persist} against a native {@code msync(MS_SYNC)} of the same file range (the
 * benchmark's own mapping), both through JNA direct calls. Clean: the range has nothing to write
 * back (the cost of the call itself). Dirty: one long per page is written first, through the
 * same {@link MappedByteBuffer} for both, so msync writes to disk.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PersistBenchmark {

    @Param({"64", "4096", "1048576"})
    int size;

    @Param({"false", "true"})
    boolean dirty;

    /**
     * {@code tmpfs}: msync has no device to write to, so the time is the call itself and the
     * ratio shows the provider's overhead. {@code disk}: msync writes back and flushes the disk,
     * whose latency dominates (and varies) on this virtual machine.
     */
    @Param({"tmpfs", "disk"})
    String fs;

    private BenchFile bench;
    private MappedByteBuffer buffer;
    private long counter;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = new BenchFile(BenchFile.directory(fs));
        buffer = bench.buffer;
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        bench.close();
    }

    private void touch() {
        if (dirty) {
            long c = ++counter;
            for (int offset = 0; offset < size; offset += 4096) {
                buffer.putLong(offset, c);
            }
        }
    }

    @Benchmark
    public void persist() {
        touch();
        bench.mapping.persist(0, size);
    }

    @Benchmark
    public void persistNative() {
        touch();
        if (BenchFile.Libc.msync(bench.address, size, BenchFile.Libc.MS_SYNC) != 0) {
            throw new IllegalStateException("msync failed");
        }
    }
}
