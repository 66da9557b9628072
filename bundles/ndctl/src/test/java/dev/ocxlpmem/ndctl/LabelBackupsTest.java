package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** zero-labels and write-labels keep the area before them, and an unfinished one cannot go unnoticed. */
class LabelBackupsTest {
    @TempDir
    Path dir;

    @Test
    void aRewriteKeepsTheAreaBeforeItAndRestoreBringsItBack() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565).disabled()) {
            Ndctl ndctl = LibNdctl.over(t.core(), ConfigDataLabels.store(), dir);
            ndctl.initLabels("nmem0", LabelVersion.V1_2, false);
            byte[] initialised = t.card().snapshot();
            assertEquals(List.of(), ndctl.labelBackups("nmem0"), "a blank area has nothing to keep");
            ndctl.zeroLabels("nmem0");
            List<LabelBackup> backups = ndctl.labelBackups("nmem0");
            assertEquals(1, backups.size());
            assertEquals("zero-labels", backups.get(0).before());
            assertEquals(131072, backups.get(0).size());
            try (var saved = java.nio.file.Files.walk(dir)) {
                for (Path p : saved.filter(p -> !p.equals(dir)).toList()) {
                    assertEquals(java.nio.file.Files.isDirectory(p) ? "rwx------" : "rw-------",
                            java.nio.file.attribute.PosixFilePermissions.toString(
                                    java.nio.file.Files.getPosixFilePermissions(p)), p + ": the owner's alone");
                }
            }
            ndctl.restoreLabels("0", backups.get(0).name());
            assertArrayEquals(initialised, t.card().snapshot());
            assertEquals(LabelState.VALID, ndctl.labelState("nmem0"));
            for (int i = 0; i < 8; i++) {
                ndctl.writeLabels("nmem0", initialised);
            }
            assertEquals(5, ndctl.labelBackups("nmem0").size(), "the newest five are kept");
            LabelException unknown = assertThrows(LabelException.class, () -> ndctl.restoreLabels("nmem0", "nope"));
            assertTrue(unknown.getMessage().contains("no label backup 'nope'"), unknown.getMessage());
        }
    }

    /** Readers during a rewrite wait for it: the mark they may see is a crash's, never one in flight (bench/soak). */
    @Test
    void readersDuringARewriteNeverSeeItAsTorn() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565).disabled()) {
            Ndctl ndctl = LibNdctl.over(t.core(), ConfigDataLabels.store(), dir);
            ndctl.initLabels("nmem0", LabelVersion.V1_2, false);
            byte[] v12 = t.card().snapshot();
            ndctl.initLabels("nmem0", LabelVersion.V1_1, true);
            byte[] v11 = t.card().snapshot();
            AtomicBoolean writing = new AtomicBoolean(true);
            List<String> seen = new CopyOnWriteArrayList<>();
            Thread reader = new Thread(() -> {
                while (writing.get()) {
                    try {
                        for (LabelProblem p : ndctl.checkLabels("nmem0")) {
                            seen.add(p.toString());
                        }
                        ndctl.readLabels("nmem0");
                        if (ndctl.labelState("nmem0") != LabelState.VALID) {
                            seen.add("state " + ndctl.labelState("nmem0"));
                        }
                    } catch (Exception e) {
                        seen.add(e.toString());
                    }
                }
            });
            reader.start();
            try {
                for (int i = 0; i < 200; i++) {
                    ndctl.writeLabels("nmem0", i % 2 == 0 ? v12 : v11);
                }
            } finally {
                writing.set(false);
                reader.join();
            }
            assertTrue(seen.isEmpty(), seen.size() + " readings saw a rewrite in flight; the first: "
                    + (seen.isEmpty() ? "" : seen.get(0)));
        }
    }

    @Test
    void aRefusedRewriteLeavesNeitherBackupNorMark() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = LibNdctl.over(t.core(), ConfigDataLabels.store(), dir);
            assertThrows(LabelException.class, () -> ndctl.zeroLabels("nmem0"), "region0 is enabled");
            assertEquals(List.of(), ndctl.labelBackups("nmem0"));
            assertEquals(LabelState.BLANK, ndctl.labelState("nmem0"));
            ndctl.enableRegion("region0");
        }
    }

    @Test
    void aRewriteThatDiesHalfWayIsReportedUntilRestored() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565).disabled()) {
            Ndctl ndctl = LibNdctl.over(t.core(), ConfigDataLabels.store(), dir);
            ndctl.initLabels("nmem0", LabelVersion.V1_2, false);
            byte[] before = t.card().snapshot();
            t.card().failWritesAfter(1); // the card fails on the second 64 KiB transfer
            LabelException died = assertThrows(LabelException.class, () -> ndctl.zeroLabels("nmem0"));
            assertTrue(died.isFault(), died.getMessage());
            t.card().failWritesAfter(-1);

            // the area's first half is zero, its index gone: reported as torn, not read as blank
            Ndctl later = LibNdctl.over(t.core(), ConfigDataLabels.store(), dir); // as after a restart
            String name = later.labelBackups("nmem0").get(0).name();
            LabelException torn = assertThrows(LabelException.class, () -> later.readLabels("nmem0"));
            assertTrue(torn.getMessage().startsWith("nmem0's label area may be torn: zero-labels began at"),
                    torn.getMessage());
            assertTrue(torn.getMessage().contains("ndctl:restore-labels -b " + name + " nmem0"), torn.getMessage());
            List<LabelProblem> problems = later.checkLabels("nmem0");
            assertEquals("rewrite", problems.get(0).field());
            assertTrue(problems.get(0).isError());
            assertEquals(LabelState.DAMAGED, later.labelState("nmem0"));
            LabelException noEnable = assertThrows(LabelException.class, () -> later.enableRegion("region0"));
            assertTrue(noEnable.getMessage().endsWith("so it cannot enable region0"), noEnable.getMessage());
            assertFalse(t.region().isEnabled());

            later.restoreLabels("nmem0", name);
            assertArrayEquals(before, t.card().snapshot());
            assertEquals(List.of(), later.checkLabels("nmem0"));
            later.enableRegion("region0");
        }
    }
}
