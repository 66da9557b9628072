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

import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Opening and validating a 16 MiB version 1.2 label area (65,470 slots): a cold store reads the
 * whole area through the bus in max_xfer transfers and validates index blocks and every label.
 * Baselines in the same run: the bare read of the area through the bus, and a plain copy of 16 MiB.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OpenAreaBenchmark {

    /** Labels in the area: none, or every slot but one (a create needs two free slots). */
    @Param({"0", "65469"})
    int labels;

    OneDimmBus card;
    byte[] area;
    byte[] copy;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        card = OneDimmBus.blank(16 << 20, 0x12345).disabled();
        LabelStore store = ConfigDataLabels.store();
        store.init(card.dimm(), LabelVersion.V1_2, false);
        for (int i = 0; i < labels; i++) {
            store.create(card.dimm(), NamespaceSpec.raw(new UUID(0x5eed, i + 1), "ns" + i, i * 4096L, 4096));
        }
        area = card.card().snapshot();
        copy = new byte[area.length];
    }

    @Benchmark
    public LabelReading openAndValidate() throws Exception {
        LabelReading r = ConfigDataLabels.store().read(card.dimm());
        if (r.labels().size() != labels || !r.isValid()) {
            throw new IllegalStateException("unexpected reading " + r.labels().size());
        }
        return r;
    }

    @Benchmark
    public byte[] baselineReadThroughTheBus() throws Exception {
        return card.dimm().readConfig(0, area.length);
    }

    @Benchmark
    public byte[] baselineCopy16MiB() {
        System.arraycopy(area, 0, copy, 0, copy.length);
        return copy;
    }
}
