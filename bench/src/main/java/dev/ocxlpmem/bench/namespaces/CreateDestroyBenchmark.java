package dev.ocxlpmem.bench.namespaces;

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
import org.openjdk.jmh.annotations.Warmup;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.EnabledRegion;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.RegionDriver;

/**
 * Creating and destroying one 16 MiB fsdax namespace on a 64 GiB region that holds 0, 100 or
 * 4,000 others: the lifecycle's whole path (the create rules, the allocator's first fit, the info
 * block, the label's two commits, the region told; then the label deleted, the block cleared). The
 * cost must not grow with the count. Baseline in the same run: the same persisted writes, bare:
 * the label store's create and delete on the same DIMM view, the 4 KiB info block and the 8 KiB
 * clear on the same mapping.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class CreateDestroyBenchmark {

    @Param({"0", "100", "4000"})
    int namespaces;

    BenchCard card;
    NamespaceOptions fsdax = NamespaceOptions.none().withMode(NamespaceMode.FSDAX).withSize(16L << 20).withName("bench");
    Dimm owner;
    NamespaceSpec spec;
    byte[] block = new byte[4096];
    byte[] zeros = new byte[8192];
    long place;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        card = new BenchCard(namespaces);
        // where the benchmarked namespace goes: after the others
        NamespaceInfo probe = card.namespaces.create("region0", fsdax);
        place = probe.dpa();
        card.namespaces.destroy(probe.dev(), true);
        // the baseline writes labels as the lifecycle does: through the region driver's view of the DIMM
        RegionDriver grab = new RegionDriver() {
            @Override
            public void attach(EnabledRegion region) {
                owner = region.labelOwner(card.dimm);
            }

            @Override
            public void detach(EnabledRegion region) {
            }
        };
        card.core.addRegionDriver(grab);
        spec = new NamespaceSpec(new UUID(0xbe7c, 1), "bench", place, 16L << 20, 512, Abstraction.PFN);
        block[0] = 1;
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        card.close();
    }

    @Benchmark
    public void createAndDestroy() throws NvdimmException {
        NamespaceInfo made = card.namespaces.create("region0", fsdax);
        card.namespaces.destroy(made.dev(), true);
    }

    /** The writes createAndDestroy makes, bare: label create (2 commits) and delete, info block, clear. */
    @Benchmark
    public void baselineSameWrites() throws NvdimmException {
        card.memory.copyAndPersist(place + 4096, block, 0, block.length);
        card.labels.create(owner, spec);
        card.labels.delete(owner, spec.uuid());
        card.memory.copyAndPersist(place, zeros, 0, zeros.length);
    }
}
