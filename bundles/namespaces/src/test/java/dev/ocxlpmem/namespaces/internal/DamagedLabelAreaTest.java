package dev.ocxlpmem.namespaces.internal;

import static dev.ocxlpmem.namespaces.internal.LifecycleTest.options;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * A damaged label area on a card image (issue 17): with both index blocks damaged Linux would make
 * the region one raw namespace over the old namespaces' data, and ndctl's autolabel would
 * re-initialise the labels on the next reconfigure. Here the region stays disabled, says why, and
 * nothing is written; a blank area is still label-less, and a damaged current block alone falls
 * back a generation as Linux does.
 */
class DamagedLabelAreaTest {
    static final long SERIAL = 74565;
    /** A version 1.2 index block of the 16 MiB area (LabelsIT): block 1 starts here. */
    static final int INDEX_SIZE = 8448;

    @TempDir
    Path dir;

    static void flip(Path image, long offset) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.seek(offset);
            int b = f.read();
            f.seek(offset);
            f.write(b ^ 0x10);
        }
    }

    static byte[] bytes(Path image, long offset, int length) throws Exception {
        byte[] out = new byte[length];
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
            f.seek(offset);
            f.readFully(out);
        }
        return out;
    }

    @Test
    void bothIndexBlocksDamagedKeepTheRegionDisabledAndTheDataAndLabelsUntouched() throws Exception {
        Path image = ImageCard.blank(dir, 1L << 30);
        NamespaceInfo db;
        try (ImageCard card = new ImageCard(image, SERIAL)) {
            card.region().disable();
            card.labels.init(card.dimm(), LabelVersion.V1_2, true);
            card.region().enable();
            db = card.driver.create("region0", options("fsdax", "128M", "db"));
            card.driver.data(db.dev()).orElseThrow().data().putLong(0, 0x0123456789abcdefL);
            card.region().disable();
            flip(image, 0x100);
            flip(image, INDEX_SIZE + 0x100);
            byte[] labels = bytes(image, 0, ImageCard.LABEL_AREA);
            byte[] data = bytes(image, ImageCard.LABEL_AREA + db.dpa(), 64 * 1024);

            NvdimmException refused = assertThrows(NvdimmException.class, card.region()::enable);
            assertTrue(refused.getMessage().startsWith("region0 stays disabled: nmem0 has no valid namespace index "
                    + "block (index block 0: checksum: expected 0x"), refused.getMessage());
            assertTrue(refused.getMessage().contains("not blank: it is damaged"), refused.getMessage());
            assertFalse(refused.isFault(), "a state to repair, not a fault of the card");
            assertFalse(card.region().isEnabled());
            assertEquals(List.of(), card.driver.namespaces(), "no raw namespace over the old one's data");
            assertArrayEquals(labels, bytes(image, 0, ImageCard.LABEL_AREA));
            assertArrayEquals(data, bytes(image, ImageCard.LABEL_AREA + db.dpa(), 64 * 1024));
            assertEquals(0x0123456789abcdefL, card.memory().getLong(db.dpa() + db.dataOffset()));
        }
        // a restart with the area as it is: the card comes up, its region disabled
        try (ImageCard again = new ImageCard(image, SERIAL)) {
            assertFalse(again.region().isEnabled());
            assertEquals(List.of(), again.driver.namespaces());
        }
    }

    @Test
    void autolabelInitialisesABlankAreaOnlyNeverOneThatChangedUnderTheRegion() throws Exception {
        Path image = ImageCard.blank(dir, 1L << 30);
        try (ImageCard card = new ImageCard(image, SERIAL)) {
            assertEquals(List.of("namespace0.0"), LifecycleTest.devs(card.driver.namespaces()), "blank: label-less");
            card.memory().putLong(0, 0x0123456789abcdefL); // the raw namespace's data
            flip(image, 0x200000); // something wrote into the area behind the region's back
            byte[] before = bytes(image, 0, ImageCard.LABEL_AREA + 8192);
            NvdimmException refused = assertThrows(NvdimmException.class, () -> card.driver.reconfigure(
                    "namespace0.0", NamespaceOptions.none().withMode(dev.ocxlpmem.namespaces.NamespaceMode.FSDAX).forced()));
            assertTrue(refused.getMessage().contains("the area is not blank: it is damaged"), refused.getMessage());
            assertFalse(refused.isFault(), refused.getMessage());
            assertArrayEquals(before, bytes(image, 0, ImageCard.LABEL_AREA + 8192), "labels and data untouched");
            card.region().disable();
            assertThrows(NvdimmException.class, card.region()::enable, "damaged: not enabled again");
        }
    }

    @Test
    void aDamagedCurrentIndexBlockReadsOneGenerationOlderAsLinuxDoes() throws Exception {
        Path image = ImageCard.blank(dir, 1L << 30);
        try (ImageCard card = new ImageCard(image, SERIAL)) {
            card.region().disable();
            card.labels.init(card.dimm(), LabelVersion.V1_2, true);
            card.region().enable();
            card.driver.create("region0", options("raw", "64M", "kept"));
            NamespaceInfo gone = card.driver.create("region0", options("raw", "64M", "destroyed"));
            card.driver.destroy(gone.dev(), true);
            card.region().disable();
            int current = card.labels.read(card.dimm()).current();
            flip(image, (long) current * INDEX_SIZE + 0x100);

            card.region().enable();
            List<LabelProblem> fallback = card.labels.check(card.dimm()).stream().filter(LabelProblem::isFallback)
                    .toList();
            assertEquals(1, fallback.size(), "reported");
            assertEquals(List.of("destroyed", "kept"), card.driver.namespaces().stream().filter(NamespaceInfo::configured)
                    .map(n -> n.listing().name()).sorted().toList(), "the destroyed namespace is back, as under Linux");
        }
    }
}
