package dev.ocxlpmem.memory.internal;

import com.sun.jna.Memory;
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
 * Sequential copy into and out of the mapping: {@code Mapping.put/get(byte[])} against libc
 * {@code memcpy} between native memory and the same mapped addresses, one call per operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CopyBenchmark {

    @Param({"4096", "65536", "1048576", "67108864"})
    int size;

    private BenchFile bench;
    private byte[] heap;
    private Memory nativeBuffer;
    private long nativeAddress;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        bench = new BenchFile();
        heap = new byte[size];
        java.util.Arrays.fill(heap, (byte) 3);
        nativeBuffer = new Memory(size);
        nativeBuffer.setMemory(0, size, (byte) 3);
        nativeAddress = com.sun.jna.Pointer.nativeValue(nativeBuffer);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws Exception {
        bench.close();
        nativeBuffer.close();
    }

    @Benchmark
    public void copyIn() {
        bench.mapping.put(0, heap, 0, size);
    }

    @Benchmark
    public long copyInNative() {
        return BenchFile.Libc.memcpy(bench.address, nativeAddress, size);
    }

    @Benchmark
    public byte[] copyOut() {
        bench.mapping.get(0, heap, 0, size);
        return heap;
    }

    @Benchmark
    public long copyOutNative() {
        return BenchFile.Libc.memcpy(nativeAddress, bench.address, size);
    }
}
