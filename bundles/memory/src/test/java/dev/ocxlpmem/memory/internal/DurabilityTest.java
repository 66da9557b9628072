package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocxlpmem.memory.Mapping;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM writes and persists records and is killed with SIGKILL (kill -9) in the middle of its
 * work; a new mapping must see every record it reported persisted.
 *
 * <p>What this can show on one machine: a persisted write is in the file (not lost in a process
 * that dies). That msync reaches the media is the kernel's promise; a power cut is not simulated.
 */
class DurabilityTest {

    private static final int RECORDS = 64;

    @TempDir
    Path dir;

    static void record(int i, byte[] record) {
        for (int j = 0; j < record.length; j++) {
            record[j] = (byte) (i * 31 + j * 7 + 1);
        }
    }

    @Test
    void everyPersistedRecordSurvivesKillMinus9() throws Exception {
        MmapMemoryProvider provider = new MmapMemoryProvider();
        Path file = dir.resolve("durable.img");
        long size = RECORDS * 4096L;
        provider.createFile(file, size);
        Process child = ChildJvm.start(DurabilityChild.class, List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"),
                file.toString(), Long.toString(size));
        int persisted = -1;
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.US_ASCII))) {
            String line;
            while ((line = out.readLine()) != null) {
                persisted = Integer.parseInt(line.substring("persisted ".length()));
                if (persisted == RECORDS - 1) {
                    break;
                }
            }
        } finally {
            child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no unmapping, no flush
            assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        }
        assertTrue(persisted == RECORDS - 1, "child reported records 0.." + persisted);
        try (Mapping mapping = provider.map(file, 0, size)) {
            byte[] expected = new byte[4096];
            byte[] actual = new byte[4096];
            for (int i = 1; i < RECORDS; i++) { // record 0's first long is being overwritten when killed
                record(i, expected);
                mapping.get(i * 4096L, actual, 0, 4096);
                assertArrayEquals(expected, actual, "record " + i);
            }
            record(0, expected);
            mapping.get(8, actual, 8, 4088);
            assertArrayEquals(java.util.Arrays.copyOfRange(expected, 8, 4096),
                    java.util.Arrays.copyOfRange(actual, 8, 4096), "record 0 after its first long");
        }
    }
}
