package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Truncating the file under a live mapping: faults are MediaErrorExceptions, in every JIT tier. */
class MemoryFaultTest {

    @TempDir
    Path dir;

    @Test
    void truncatedFileFaultsAreMediaErrorsAfterJitCompilation() throws Exception {
        FaultScenario.run(dir, 1_000_000);
    }

    @Test
    void truncatedFileFaultsAreMediaErrorsInTheInterpreter() throws Exception {
        runChild(List.of("-Xint"), 5_000);
    }

    @Test
    void truncatedFileFaultsAreMediaErrorsWithC1Only() throws Exception {
        runChild(List.of("-XX:TieredStopAtLevel=1"), 200_000);
    }

    private void runChild(List<String> options, int warmUp) throws Exception {
        Process child = ChildJvm.start(FaultScenario.class, options, dir.toString(), Integer.toString(warmUp));
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), "child " + options + " failed: " + out);
        assertEquals("ok", out.trim());
    }
}
