package dev.ocxlpmem.bench.namespaces;

import java.util.ArrayList;
import java.util.List;
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

import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * {@code ndctl:list -N} of 100 and 4,000 namespaces: the service call ({@code Ndctl.namespaces}),
 * and with the JSON the console prints. Goal: under 1 s at 4,000. Baseline in the same run: the JSON
 * text written from the same objects already built (what printing costs by itself).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ListBenchmark {

    @Param({"100", "4000"})
    int namespaces;

    BenchCard card;
    Ndctl ndctl;
    List<Object> built;

    @Setup(Level.Trial)
    public void fill() throws Exception {
        card = new BenchCard(namespaces);
        ndctl = LibNdctl.over(card.core, card.labels, card.namespaces);
        built = json(ndctl.namespaces(false));
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        card.close();
    }

    private static List<Object> json(List<NamespaceInfo> infos) {
        List<Object> out = new ArrayList<>(infos.size());
        for (NamespaceInfo n : infos) {
            out.add(NdctlJson.namespace(n, false, false, false));
        }
        return out;
    }

    @Benchmark
    public List<NamespaceInfo> serviceCall() throws NvdimmException {
        return ndctl.namespaces(false);
    }

    @Benchmark
    public String serviceCallAndJson() throws NvdimmException {
        return NdctlJson.display(json(ndctl.namespaces(false)), false);
    }

    @Benchmark
    public String baselineJsonOfBuiltObjects() {
        return NdctlJson.display(built, false);
    }
}
