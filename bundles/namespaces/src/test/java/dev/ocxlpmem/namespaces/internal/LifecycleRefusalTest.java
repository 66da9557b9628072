package dev.ocxlpmem.namespaces.internal;

import static dev.ocxlpmem.namespaces.internal.LifecycleTest.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.NamespaceOptions.MapLocation;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * Bad input changes nothing and says why in one line: not a label byte, not a byte of any
 * namespace's metadata, not the namespaces listed.
 */
class LifecycleRefusalTest {
    static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @FunctionalInterface
    interface Action {
        void run() throws NvdimmException;
    }

    /** The label area, and the first 8 KiB of every 16 MiB block of the region: everywhere metadata goes. */
    static byte[] metadata(ImageCard card) throws Exception {
        byte[] labels = card.labels.readArea(card.dimm());
        long blocks = card.region().size() / (16 * MIB);
        byte[] all = new byte[labels.length + (int) blocks * 8192];
        System.arraycopy(labels, 0, all, 0, labels.length);
        for (long b = 0; b < blocks; b++) {
            card.memory().get(b * 16 * MIB, all, labels.length + (int) b * 8192, 8192);
        }
        return all;
    }

    static String refused(ImageCard card, Action action, String... words) throws Exception {
        byte[] before = metadata(card);
        List<NamespaceInfo> listed = card.driver.namespaces();
        int writes = card.card().writes();
        int events = card.events.size();
        NvdimmException e = assertThrows(NvdimmException.class, action::run);
        assertTrue(e instanceof NamespaceException && !e.isFault(), "a refusal, not a fault: " + e);
        assertEquals(writes, card.card().writes(), "no label written: " + e.getMessage());
        assertArrayEquals(before, metadata(card), "nothing written: " + e.getMessage());
        assertEquals(listed, card.driver.namespaces(), "nothing changed: " + e.getMessage());
        assertEquals(events, card.events.size(), "nothing happened: " + e.getMessage());
        for (String w : words) {
            assertTrue(e.getMessage().contains(w), "'" + w + "' in: " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    @Test
    void badRequestsAreRefusedBeforeAnythingIsWritten() throws Exception {
        try (ImageCard card = new ImageCard(ImageCard.blank(dir, 1L << 30), 74565)) {
            NamespaceDriver ns = card.driver;
            card.region().disable();
            card.labels.init(card.dimm(), LabelVersion.V1_2, true);
            card.region().enable();
            NamespaceInfo db = ns.create("region0", options("fsdax", "128M", "db"));
            ns.create("region0", options("raw", "32M", "scratch"));

            refused(card, () -> ns.create("region0", options("fsdax", "20M", null)), "misaligned",
                    "use a multiple of 16M");
            refused(card, () -> ns.create("region0", options("raw", "2G", null)), "No space left on device",
                    "has no free extent of 2147483648 bytes");
            refused(card, () -> ns.create("region0", options("raw", "16M", "n".repeat(64))), "alt name overflow",
                    "64 bytes");
            refused(card, () -> ns.create("region0", options("raw", "16M", null).withUuid(db.labelUuid())),
                    "is in use by namespace0.0 (its label)");
            refused(card, () -> ns.create("region0", options("raw", "16M", null).withUuid(db.listing().uuid())),
                    "is in use by namespace0.0 (its fsdax info block)");
            refused(card, () -> ns.create("region0", options("fsdax", "8M", null)), "size 0x800000 is misaligned");
            refused(card, () -> ns.create("region0", options("raw", "16M", null).withAlign(2L << 20)),
                    "raw mode does not support setting an alignment");
            refused(card, () -> ns.create("region0", options("fsdax", "16M", null).withAlign(8L << 20)), "unsupported align");
            refused(card, () -> ns.create("region0", options("fsdax", "16M", null).withMap(MapLocation.MEM)),
                    "--map=mem is not supported");
            refused(card, () -> ns.create("region0", options("sector", "16M", null).withSectorSize(1000)),
                    "does not support btt sector_size 1000", "4096");
            refused(card, () -> ns.create("region7", options("raw", "16M", null)), "region7 is not enabled",
                    "there is region0");
            refused(card, () -> ns.destroy("namespace0.0", false), "namespace0.0 is active, specify --force");
            refused(card, () -> ns.reconfigure("namespace0.0", NamespaceOptions.none().withMode(NamespaceMode.RAW)),
                    "namespace0.0 is active, specify --force");
            refused(card, () -> ns.reconfigure("namespace0.1", NamespaceOptions.none().withMode(NamespaceMode.SECTOR)
                    .withSectorSize(513).forced()), "does not support btt sector_size 513");
            refused(card, () -> ns.readInfoblock("namespace0.0"), "namespace0.0 is enabled",
                    "ndctl:disable-namespace namespace0.0");
            refused(card, () -> ns.check("namespace0.0", false, false), "check aborted, namespace online");
            refused(card, () -> ns.destroy("namespace0.2", true), "namespace0.2 is not configured");
            refused(card, () -> ns.enable("namespace0.2"), "namespace0.2 is not configured");
            refused(card, () -> ns.readInfoblock("namespace0.9"), "no namespace 'namespace0.9'",
                    "namespace0.0, namespace0.1, namespace0.2");
            refused(card, () -> ns.destroy("0.1", true), "no namespace '0.1'");
            card.region().setReadOnly(true);
            refused(card, () -> ns.create("region0", options("raw", "16M", null)), "region0 is read-only");
            card.region().setReadOnly(false);
            ns.create("region0", options("raw", "16M", null));
        }
    }

    /** Two label slots (the smallest area): a create needs both for its UPDATING step. */
    @Test
    void aFullLabelAreaRefusesTheCreateBeforeItsInfoBlockIsWritten() throws Exception {
        try (ImageCard card = new ImageCard(ImageCard.blank(dir, 1024, 1L << 30), 74565, 1024, SectorProbe.NONE)) {
            card.region().disable();
            card.labels.init(card.dimm(), LabelVersion.V1_2, true);
            card.region().enable();
            card.driver.create("region0", options("fsdax", "64M", "one"));
            refused(card, () -> card.driver.create("region0", options("fsdax", "64M", "two")),
                    "nmem0's label area is full (1 free slot, a create needs 2)");
            // a reconfigure replaces the label in one commit: one free slot is enough
            NamespaceInfo raw = card.driver.reconfigure("namespace0.0", NamespaceOptions.none().withMode(NamespaceMode.RAW).forced());
            assertEquals("one", raw.listing().name());
            card.driver.destroy("namespace0.0", true);
            card.driver.create("region0", options("fsdax", "64M", "two"));
        }
    }
}
