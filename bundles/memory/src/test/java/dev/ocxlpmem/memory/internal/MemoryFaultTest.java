package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Truncating the file under a live mapping: faults are MediaErrorExceptions, in every JIT tier,
 * for single, bulk and checked-view accesses, with either fault check.
 */
class MemoryFaultTest {

    @TempDir
    Path dir;

    @Test
    void truncatedFileFaultsAreMediaErrorsAfterJitCompilation() throws Exception {
        FaultScenario.run(dir, 100_000);
    }

    @Test
    void truncatedFileFaultsAreMediaErrorsInTheInterpreter() throws Exception {
        runChild(List.of("-Xint"), 5_000);
    }

    @Test
    void truncatedFileFaultsAreMediaErrorsWithC1Only() throws Exception {
        runChild(List.of("-XX:TieredStopAtLevel=1"), 30_000);
    }

    @Test
    void truncatedFileFaultsAreMediaErrorsWithTheRuntimeCallForEveryCheck() throws Exception {
        runChild(List.of("-Ddev.ocxlpmem.memory.faultCheck=runtimeCall"), 100_000);
    }

    /** So that the tests above exercise the cheap check where the project runs: HotSpot 17. */
    @Test
    void hotSpot17sPendingFaultWordIsRead() {
        if (System.getProperty("java.vm.name").contains("HotSpot") && Runtime.version().feature() == 17) {
            assertTrue(Faults.READS_PENDING_WORD, "the pending-fault word of " + System.getProperty("java.vm.name")
                    + " " + Runtime.version() + " could not be read: every check makes a runtime call");
        }
    }

    private void runChild(List<String> options, int warmUp) throws Exception {
        Process child = ChildJvm.start(FaultScenario.class, options, dir.toString(), Integer.toString(warmUp));
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(child.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, child.exitValue(), "child " + options + " failed: " + out);
        assertEquals("ok", out.trim());
    }
}
