package dev.ocxlpmem.bench.scm;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

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

import dev.ocxlpmem.emulator.Card;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.standalone.Cards;
import dev.ocxlpmem.ocxl.GlobalMmio;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OpenFunction;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.HciBit;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.QueueDescriptor;
import dev.ocxlpmem.scm.Registers;
import dev.ocxlpmem.scm.Request;
import dev.ocxlpmem.scm.Response;

/**
 * An admin round trip (HEARTBEAT, the five steps of docs/scm-controller.md: request,
 * doorbell, poll CHI.ACRA, response, CHIC) on the emulated card, against in the same run a bare
 * read of CHI, a bare write of a request word, and the same fourteen register accesses as the
 * round trip with a harmless register in place of the doorbell, so that the controller's work is
 * what the difference shows.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class AdminRoundTripBenchmark {
    private Path dir;
    private OpenFunction function;
    private GlobalMmio mmio;
    private QueueDescriptor admin;
    private int id;

    @Setup(Level.Trial)
    public void plug() throws Exception {
        dir = Files.createTempDirectory(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "scm-bench");
        Card card = Cards.plug(new ImageFiles(), Cards.config("", 64L << 20, 0xBE7C4, "0006:00:00"),
                ControllerSettings.DEFAULTS, dir);
        function = card.functions().get(1).open();
        mmio = function.fetchAfu(0).mapGlobalMmio();
        admin = QueueDescriptor.decode(mmio.read64(Registers.ACMA), mmio.read64(Registers.ACMA + 8));
        if (heartbeat() != 0) {
            throw new IllegalStateException("the card does not answer HEARTBEAT");
        }
    }

    @TearDown(Level.Trial)
    public void unplug() throws Exception {
        mmio.close();
        function.close();
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The round trip; returns the status, checking the id. */
    @Benchmark
    public int heartbeat() throws OcxlException {
        id = id == 0xFFFF ? 1 : id + 1;
        long[] words = new Request(Opcode.HEARTBEAT, id).words();
        for (int i = Request.WORDS - 1; i >= 0; i--) {
            mmio.write64(admin.requestOffset() + 8L * i, words[i]);
        }
        mmio.write64(Registers.HCI, HciBit.ACRW.mask());
        while (!ChiBit.ACRA.isSet(mmio.read64(Registers.CHI))) {
            Thread.onSpinWait();
        }
        long word0 = mmio.read64(admin.responseOffset());
        mmio.write64(Registers.CHIC, ChiBit.ACRA.mask());
        if (Response.idOf(word0) != id) {
            throw new IllegalStateException("answer for id " + Response.idOf(word0) + ", expected " + id);
        }
        return Response.statusOf(word0);
    }

    @Benchmark
    public long baselineReadChi() throws OcxlException {
        return mmio.read64(Registers.CHI);
    }

    @Benchmark
    public void baselineWriteRequestWord() throws OcxlException {
        mmio.write64(admin.requestOffset() + 8, id);
    }

    /** The round trip's accesses without the controller's work: CHIE (already 0) written instead of HCI. */
    @Benchmark
    public long baselineSameAccesses() throws OcxlException {
        long[] words = new Request(Opcode.HEARTBEAT, 1).words();
        for (int i = Request.WORDS - 1; i >= 0; i--) {
            mmio.write64(admin.requestOffset() + 8L * i, words[i]);
        }
        mmio.write64(Registers.CHIEC, 0);
        long chi = mmio.read64(Registers.CHI);
        long word0 = mmio.read64(admin.responseOffset());
        mmio.write64(Registers.CHIC, 0);
        return chi ^ word0;
    }
}
