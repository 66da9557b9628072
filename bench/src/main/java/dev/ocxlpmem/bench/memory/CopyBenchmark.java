package dev.ocxlpmem.bench.memory;

import java.util.Arrays;
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
import org.openjdk.jmh.infra.ThreadParams;

/**
 * Sequential copy into and out of the mapping: {@code Mapping.put/get(byte[])} of a whole block
 * against libc {@code memcpy} between native memory and the same file pages (the benchmark's
 * own mapping of the file), one JNA direct call per operation. The native memory is on 4 KiB
 * pages (what {@code malloc} gives a native program by default) or on 2 MiB transparent huge
 * pages (as the Java heap is with {@code -XX:+UseTransparentHugePages}). With {@code -t 2} each
 * thread copies its own block at its own place in the file.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CopyBenchmark {

    /** The file, shared by the threads. */
    @State(Scope.Benchmark)
    public static class File {
        BenchFile bench;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            bench = new BenchFile();
        }

        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            bench.close();
        }
    }

    /** A thread's block: a heap array, and where in the file it goes. */
    @State(Scope.Thread)
    public static class Block {
        @Param({"4096", "65536", "1048576", "8388608", "67108864"})
        int size;

        byte[] heap;
        long offset;

        @Setup(Level.Trial)
        public void setUp(ThreadParams thread) {
            heap = new byte[size];
            Arrays.fill(heap, (byte) 3);
            offset = thread.getThreadIndex() * (BenchFile.SIZE / 2);
        }
    }

    /** The baseline's side of a thread's copy: native memory on pages of 4 KiB or 2 MiB. */
    @State(Scope.Thread)
    public static class NativeBlock {
        @Param({"4k", "2m"})
        String pages;

        BenchFile.Libc.NativeBuffer buffer;
        long address;

        @Setup(Level.Trial)
        public void setUp(Block block) {
            buffer = BenchFile.Libc.nativeBuffer(block.size, (byte) 3, pages.equals("2m"));
            address = buffer.address();
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            buffer.close();
        }
    }

    @Benchmark
    public void copyIn(File f, Block b) {
        f.bench.mapping.put(b.offset, b.heap, 0, b.size);
    }

    @Benchmark
    public long copyInNative(File f, Block b, NativeBlock n) {
        return BenchFile.Libc.memcpy(f.bench.address + b.offset, n.address, b.size);
    }

    @Benchmark
    public byte[] copyOut(File f, Block b) {
        f.bench.mapping.get(b.offset, b.heap, 0, b.size);
        return b.heap;
    }

    @Benchmark
    public long copyOutNative(File f, Block b, NativeBlock n) {
        return BenchFile.Libc.memcpy(n.address, f.bench.address + b.offset, b.size);
    }
}
