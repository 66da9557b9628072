package dev.ocxlpmem.bench.metrics;

import java.nio.ByteBuffer;
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
import org.openjdk.jmh.annotations.Warmup;

import dev.ocxlpmem.metrics.internal.CommandHistogram;
import dev.ocxlpmem.nvdimm.CallObserver;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * What the gate's call observer costs a command: Bus.call of a 64-byte label read (the cheapest
 * command that reaches a provider, an in-memory DIMM) with no observer (the baseline, the gate as
 * before), with one that does nothing (the hook itself), and with the metrics bundle's histogram.
 * Run with {@code -prof gc} to see that none of them allocates per call. Each iteration also prints
 * the thread's CPU time per call ({@link CpuTime}), steadier than the time on a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class GateObserverBenchmark {

    @Param({"none", "nothing", "histogram"})
    String observer;

    private OneDimmBus bus;
    private Dimm dimm;
    private final ByteBuffer buffer = ByteBuffer.allocate(64);
    private final DimmCommand.GetConfigData read = new DimmCommand.GetConfigData(0, buffer);
    private final CpuTime cpu = new CpuTime();

    @Setup(Level.Trial)
    public void plug() throws Exception {
        bus = OneDimmBus.blank(1 << 20, 0xbe4c).disabled();
        dimm = bus.dimm();
        dimm.configSize();
        switch (observer) {
            case "nothing" -> bus.core().addCallObserver(new CallObserver() {
                @Override
                public void called(dev.ocxlpmem.nvdimm.Bus b, Dimm d, DimmCommand<?> c, Outcome o, long nanos) {
                }
            });
            case "histogram" -> bus.core().addCallObserver(new CommandHistogram());
            default -> { }
        }
    }

    @TearDown(Level.Trial)
    public void unplug() {
        bus.close();
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        cpu.start();
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        cpu.print("observer " + observer);
    }

    @Benchmark
    public ByteBuffer labelRead() throws Exception {
        cpu.op();
        buffer.clear();
        dimm.call(read);
        return buffer;
    }
}
