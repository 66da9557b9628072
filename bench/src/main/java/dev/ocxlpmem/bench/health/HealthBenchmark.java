package dev.ocxlpmem.bench.health;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.CommandFamily;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.scm.OcxlRequest;
import dev.ocxlpmem.testing.card.OneCard;

/**
 * A card's health as {@code ndctl:list -DH} gets it: the Ndctl service's call (gate, driver, SMART
 * on the controller, the health computed and decoded) and the same with the DIMM's JSON printed;
 * against, in the same run, the cheapest controller command through the same path (family-6
 * HEARTBEAT through Bus.call), so that the ratio shows what health costs beyond a round trip. The
 * goal is absolute: under 10 ms.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class HealthBenchmark {
    private OneCard card;
    private Ndctl ndctl;
    private Dimm dimm;
    private DimmInfo info;
    private DimmCommand.Call heartbeat;

    @Setup(Level.Trial)
    public void plug() throws Exception {
        card = OneCard.plug();
        ndctl = LibNdctl.over(card.core(), ConfigDataLabels.store());
        dimm = card.dimm();
        info = ndctl.dimm("nmem0");
        OcxlRequest<Void> request = OcxlRequest.heartbeat();
        heartbeat = new DimmCommand.Call(CommandFamily.OCXL, request.function(), request.input());
    }

    @TearDown(Level.Trial)
    public void unplug() {
        card.close();
    }

    /** The service call behind {@code ndctl:list -DH}. */
    @Benchmark
    public DimmHealth health() throws Exception {
        return ndctl.health("nmem0").orElseThrow();
    }

    /** The same with the DIMM's JSON and its health printed, as the command prints it. */
    @Benchmark
    public String listDimmHealth() throws Exception {
        Map<String, Object> json = NdctlJson.dimm(info, false);
        json.put("health", NdctlJson.health(ndctl.health("nmem0").orElseThrow()));
        return NdctlJson.display(List.of(json), false);
    }

    /** Baseline: a controller round trip through the same gate and driver, with no data. */
    @Benchmark
    public byte[] baselineHeartbeatThroughTheBus() throws Exception {
        return dimm.call(heartbeat);
    }
}
