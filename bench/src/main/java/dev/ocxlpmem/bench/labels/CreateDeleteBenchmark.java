package dev.ocxlpmem.bench.labels;

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
import org.openjdk.jmh.annotations.Warmup;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Creating and deleting one namespace label on a 16 MiB version 1.2 area that already holds 0,
 * 1,000 or 60,000: two label writes and three index writes (create's UPDATING step, its final
 * step, the delete), each index write staged then sealed. The cost must not grow with the count.
 * Baseline in the same run: the same bytes written through the bus with no store logic.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CreateDeleteBenchmark {
    static final int INDEX = 8448;
    static final int LABEL = 256;

    @Param({"0", "1000", "60000"})
    int labels;

    OneDimmBus card;
    LabelStore store;
    NamespaceSpec spec;
    byte[] label = new byte[LABEL];
    byte[] index = new byte[INDEX];
    byte[] seq = new byte[8];

    @Setup(Level.Trial)
    public void fill() throws Exception {
        card = OneDimmBus.blank(16 << 20, 0x12345).disabled();
        store = ConfigDataLabels.store();
        store.init(card.dimm(), LabelVersion.V1_2, false);
        for (int i = 0; i < labels; i++) {
            store.create(card.dimm(), NamespaceSpec.raw(new UUID(0x5eed, i + 1), "ns" + i, i * 4096L, 4096));
        }
        spec = NamespaceSpec.raw(new UUID(0xbe7c, 1), "bench", 900L << 20, 1L << 20);
    }

    @Benchmark
    public void createAndDelete() throws Exception {
        store.create(card.dimm(), spec);
        store.delete(card.dimm(), spec.uuid());
    }

    /** The writes createAndDelete makes (and the index read each update checks first), bare. */
    @Benchmark
    public void baselineSameWritesThroughTheBus() throws Exception {
        for (int update = 0; update < 3; update++) {
            card.dimm().readConfig(0, 2 * INDEX);
            if (update < 2) {
                card.dimm().writeConfig(2 * INDEX + (labels + update) * LABEL, label);
            }
            card.dimm().writeConfig((update % 2) * INDEX, index);
            card.dimm().writeConfig((update % 2) * INDEX + 16, seq);
        }
    }
}
