package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.LabelVersion;

/**
 * Sequences Linux 6.1 and ndctl 76 ran on the linux-peer, replayed on the model: the same
 * placement, sizes, free space, seeds, numbering and refusals (see {@link LinuxReplay}).
 */
class LinuxReplayTest {
    @TempDir
    Path dir;

    @Test
    void createsAndDestroysLandWhereLinuxPutThem() throws Exception {
        try (LinuxReplay r = new LinuxReplay(dir, Regions.GIB, LabelVersion.V1_2)) {
            r.replay(PeerTranscript.load("alloc1.txt"));
            assertEquals(0, r.differences.size(), r.differences.toString());
            assertTrue(r.checks > 100, "checks: " + r.checks);
        }
    }

    @Test
    void reconfiguresAndRefusalsAsLinux() throws Exception {
        try (LinuxReplay r = new LinuxReplay(dir, Regions.GIB, LabelVersion.V1_2)) {
            r.replay(PeerTranscript.load("recfg.txt"));
            assertEquals(3, r.differences.size(), r.differences.toString());
            assertTrue(r.checks > 50, "checks: " + r.checks);
        }
    }

    @Test
    void aBlankLabelAreaAsLinux() throws Exception {
        try (LinuxReplay r = new LinuxReplay(dir, Regions.GIB, null)) {
            r.replay(PeerTranscript.load("lless.txt"));
            assertEquals(0, r.differences.size(), r.differences.toString());
            assertTrue(r.checks > 10, "checks: " + r.checks);
        }
    }
}
