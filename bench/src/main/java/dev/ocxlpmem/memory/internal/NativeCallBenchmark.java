package dev.ocxlpmem.memory.internal;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * What one JNA direct call costs by itself ({@code memcpy} of 0 bytes), and what the provider's
 * fault check costs ({@link Faults#deliver}): to read the other tables.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class NativeCallBenchmark {

    @Benchmark
    public long jnaCall() {
        return BenchFile.Libc.memcpy(0, 0, 0);
    }

    @Benchmark
    public void faultCheck() {
        Faults.deliver();
    }
}
