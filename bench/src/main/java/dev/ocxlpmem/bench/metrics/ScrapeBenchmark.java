package dev.ocxlpmem.bench.metrics;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

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

import dev.ocxlpmem.bench.namespaces.BenchCard;
import dev.ocxlpmem.metrics.internal.CommandHistogram;
import dev.ocxlpmem.metrics.internal.DeviceMetrics;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * One scrape of GET /metrics without the HTTP: the endpoint's registry (the devices, the bus
 * command histogram, the JVM) collected and written in the Prometheus text format, plain and
 * gzipped, on a card with 100 or 4,000 namespaces. Goal: under 5 ms at 4,000. Baseline in the same
 * run: the same samples, already collected, written by the client alone (what writing them costs
 * by itself). {@code refresh} is the background read of every device behind the values (not part
 * of a scrape; once per poll interval and event).
 *
 * <p>On a shared machine the time per operation is not the appliance's CPU: each iteration also
 * prints the benchmark thread's CPU time per operation ({@link CpuTime}), which the goal is about.
 *
 * <p>The metrics bundle exports no API: this uses its internal classes, as its unit tests do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ScrapeBenchmark {

    @Param({"100", "4000"})
    int namespaces;

    private BenchCard card;
    private DeviceMetrics devices;
    private PrometheusRegistry registry;
    private MetricSnapshots collected;
    private final PrometheusTextFormatWriter writer = PrometheusTextFormatWriter.create();
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
    private final CpuTime cpu = new CpuTime();

    @Setup(Level.Trial)
    public void fill() throws Exception {
        card = new BenchCard(namespaces);
        Ndctl ndctl = LibNdctl.over(card.core, card.labels, card.namespaces);
        CommandHistogram commands = new CommandHistogram();
        card.core.addCallObserver(commands);
        devices = new DeviceMetrics(ndctl, System::nanoTime);
        devices.refresh();
        registry = new PrometheusRegistry();
        JvmMetrics.builder().register(registry);
        registry.register(commands.histogram());
        registry.register(devices);
        collected = registry.scrape();
        out.reset();
        writer.write(out, collected);
        System.out.println("\none scrape: " + out.size() + " bytes, " + out.toString().lines()
                .filter(l -> !l.startsWith("#")).count() + " samples");
    }

    @TearDown(Level.Trial)
    public void close() throws Exception {
        card.close();
    }

    @Setup(Level.Iteration)
    public void startCounting() {
        cpu.start();
    }

    @TearDown(Level.Iteration)
    public void printCpuTime() {
        cpu.print(namespaces + " namespaces");
    }

    @Benchmark
    public int scrape() throws IOException {
        cpu.op();
        out.reset();
        writer.write(out, registry.scrape());
        return out.size();
    }

    /** The scrape's first half: what the registry's collectors give, not yet written. */
    @Benchmark
    public MetricSnapshots collect() {
        cpu.op();
        return registry.scrape();
    }

    @Benchmark
    public int scrapeGzip() throws IOException {
        cpu.op();
        out.reset();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            writer.write(gzip, registry.scrape());
        }
        return out.size();
    }

    @Benchmark
    public int baselineWriteCollected() throws IOException {
        cpu.op();
        out.reset();
        writer.write(out, collected);
        return out.size();
    }

    @Benchmark
    public int baselineWriteCollectedGzip() throws IOException {
        cpu.op();
        out.reset();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            writer.write(gzip, collected);
        }
        return out.size();
    }

    @Benchmark
    public DeviceMetrics refresh() throws Exception {
        cpu.op();
        devices.refresh();
        return devices;
    }
}
