package dev.ocxlpmem.driver.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.scm.Health;

/**
 * A JVM killed with SIGKILL (kill -9) while its driver had the card: the next probe finds a dirty
 * shutdown and the count one higher; a JVM that removes the driver (SHUTDOWN) leaves a clean one.
 */
class DirtyShutdownTest {
    @TempDir
    Path dir;

    private String child(String mode) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-Xshare:auto", "-Xmx64m", "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), DirtyShutdownChild.class.getName(), dir.toString(), mode));
        Process child = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(),
                StandardCharsets.US_ASCII))) {
            String line = out.readLine();
            if (mode.equals("wait")) {
                child.destroyForcibly(); // SIGKILL: no shutdown hook, no SHUTDOWN command
            }
            assertTrue(child.waitFor(20, TimeUnit.SECONDS));
            return line;
        }
    }

    private Health probe() throws Exception {
        try (ScmCard card = ScmCard.started(dir)) {
            return card.controller.health();
        }
    }

    @Test
    void aKilledJvmLeavesADirtyShutdownAndOneMoreInTheCount() throws Exception {
        assertEquals("probed 0", child("wait"));
        Health afterKill = probe(); // and this probe removes properly
        assertEquals("dirty", afterKill.shutdownState());
        assertEquals(1, afterKill.shutdownCount());

        assertEquals("clean", probe().shutdownState(), "the probe before removed the driver with a SHUTDOWN");
        assertEquals("probed 1", child("remove"));
        Health afterRemove = probe();
        assertEquals("clean", afterRemove.shutdownState());
        assertEquals(1, afterRemove.shutdownCount());

        assertEquals("probed 1", child("wait"));
        assertEquals(2, probe().shutdownCount());
    }
}
