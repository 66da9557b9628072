package dev.ocxlpmem.bench.btt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.btt.SectorDevice;
import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.memory.standalone.MmapMemory;

/**
 * Sector reads and writes through a BTT ({@link SectorDevice}) against reads and writes of the same
 * size on the raw namespace mapping under it ({@code get}, {@code copyAndPersist}), with 1 and 2
 * threads, in the same run. The raw accesses go to the BTT's data area, where the BTT's own
 * accesses land: the same pages of the same file. Each thread cycles through its own
 * 4,096 sectors, every one written once before measuring. The namespace is a 64 MiB file on tmpfs
 * ({@code -p fs=disk} for {@code -Dbench.dir}, else java.io.tmpdir), fully allocated. Only the
 * exported API of the memory and btt bundles is used, the driver from the btt bundle's standalone
 * wiring. {@code bench/table.py} prints the ratios (raw time / BTT time: 1 is as fast as raw).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
public class SectorBenchmark {
    static final long SIZE = 64L << 20;
    static final int SECTORS_PER_THREAD = 4096;

    @Param({"512", "4096"})
    int sectorSize;

    @Param({"tmpfs"})
    String fs;

    Path dir;
    Mapping namespace;
    Btt btt;
    /** Where the raw accesses start: the BTT's data area. */
    long rawBase;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        dir = Files.createTempDirectory(fs.equals("tmpfs") ? Path.of("/dev/shm")
                : Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))), "btt-bench");
        MemoryProvider provider = MmapMemory.provider();
        provider.createFile(dir.resolve("btt.img"), SIZE);
        namespace = provider.map(dir.resolve("btt.img"), 0, SIZE);
        btt = LinuxBtt.driver().format(namespace, new BttSpec(UUID.randomUUID(), UUID.randomUUID(), sectorSize, BttVersion.V2_0));
        rawBase = btt.arenas().get(0).dataOff();
        byte[] sector = new byte[sectorSize];
        for (long lba = 0; lba < 2 * SECTORS_PER_THREAD; lba++) {
            sector[0] = (byte) lba;
            btt.write(lba, sector, 0, sectorSize);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        btt.close();
        namespace.close();
        Files.deleteIfExists(dir.resolve("btt.img"));
        Files.deleteIfExists(dir);
    }

    /** One thread's buffer and position in its own range of sectors. */
    @State(Scope.Thread)
    public static class Cursor {
        byte[] buffer;
        long first;
        long next;

        @Setup(Level.Trial)
        public void setUp(SectorBenchmark b, org.openjdk.jmh.infra.ThreadParams thread) {
            buffer = new byte[b.sectorSize];
            first = (long) thread.getThreadIndex() * SECTORS_PER_THREAD;
        }

        long lba() {
            long lba = first + next;
            next = (next + 1) & (SECTORS_PER_THREAD - 1);
            return lba;
        }
    }

    @Benchmark
    @Threads(1)
    public byte[] bttRead1(Cursor c) {
        btt.read(c.lba(), c.buffer, 0, sectorSize);
        return c.buffer;
    }

    @Benchmark
    @Threads(1)
    public byte[] rawRead1(Cursor c) {
        namespace.get(rawBase + c.lba() * sectorSize, c.buffer, 0, sectorSize);
        return c.buffer;
    }

    @Benchmark
    @Threads(1)
    public void bttWrite1(Cursor c) {
        btt.write(c.lba(), c.buffer, 0, sectorSize);
    }

    @Benchmark
    @Threads(1)
    public void rawWrite1(Cursor c) {
        namespace.copyAndPersist(rawBase + c.lba() * sectorSize, c.buffer, 0, sectorSize);
    }

    @Benchmark
    @Threads(2)
    public byte[] bttRead2(Cursor c) {
        btt.read(c.lba(), c.buffer, 0, sectorSize);
        return c.buffer;
    }

    @Benchmark
    @Threads(2)
    public byte[] rawRead2(Cursor c) {
        namespace.get(rawBase + c.lba() * sectorSize, c.buffer, 0, sectorSize);
        return c.buffer;
    }

    @Benchmark
    @Threads(2)
    public void bttWrite2(Cursor c) {
        btt.write(c.lba(), c.buffer, 0, sectorSize);
    }

    @Benchmark
    @Threads(2)
    public void rawWrite2(Cursor c) {
        namespace.copyAndPersist(rawBase + c.lba() * sectorSize, c.buffer, 0, sectorSize);
    }
}
