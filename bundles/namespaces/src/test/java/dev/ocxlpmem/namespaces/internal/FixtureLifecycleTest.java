package dev.ocxlpmem.namespaces.internal;

import static dev.ocxlpmem.namespaces.internal.LinuxFixtureTest.COOKIE;
import static dev.ocxlpmem.namespaces.internal.LinuxFixtureTest.DEVDAX_LABEL;
import static dev.ocxlpmem.namespaces.internal.LinuxFixtureTest.DEVDAX_PFN;
import static dev.ocxlpmem.namespaces.internal.LinuxFixtureTest.FSDAX_LABEL;
import static dev.ocxlpmem.namespaces.internal.LinuxFixtureTest.FSDAX_PFN;
import static dev.ocxlpmem.namespaces.internal.LinuxFixtureTest.RAW_LABEL;
import static dev.ocxlpmem.namespaces.internal.LinuxFixtureTest.SECTOR_BTT;
import static dev.ocxlpmem.namespaces.internal.LinuxFixtureTest.SECTOR_LABEL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.btt.SectorDevice;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * The card image Linux wrote (src/test/resources/linux-namespaces/README.md), plugged as a card:
 * the lifecycle lists exactly the README's namespaces, their info blocks read as
 * {@code read-infoblock -j} printed them, the region's numbers are Linux's, and an application
 * reads what Linux wrote into the raw namespace.
 */
class FixtureLifecycleTest {
    static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    static final List<NamespaceListing> README = List.of(
            new NamespaceListing("namespace0.0", NamespaceMode.FSDAX, "dev", 130023424, FSDAX_PFN, FSDAX_LABEL, null, 512,
                    2097152, "pmem0", true, "fsdaxns"),
            new NamespaceListing("namespace0.1", NamespaceMode.DEVDAX, "dev", 65011712, DEVDAX_PFN, DEVDAX_LABEL, "dax0.1",
                    0, 2097152, null, true, "devdaxns"),
            new NamespaceListing("namespace0.2", NamespaceMode.SECTOR, null, 65966080, SECTOR_BTT, SECTOR_LABEL, null, 4096,
                    0, "pmem0.2s", true, "sectorns"),
            new NamespaceListing("namespace0.3", NamespaceMode.RAW, null, 33554432, RAW_LABEL, null, null, 512, 0,
                    "pmem0.3", true, "rawns"));

    @Test
    void theFixtureListsAsTheReadme() throws Exception {
        try (ImageCard card = new ImageCard(FixtureImage.copy(dir), COOKIE, ImageCard.LABEL_AREA, new BttProbe(ImageCard.BTT))) {
            List<NamespaceInfo> all = card.driver.namespaces();
            assertEquals(README, all.subList(0, 4).stream().map(NamespaceInfo::listing).toList());
            assertEquals("namespace0.4", all.get(4).dev(), "and the seed");
            assertEquals(0, all.get(4).rawSize());
            assertEquals(771751936, card.region().availableSize());
            assertEquals(771751936, card.region().maxAvailableExtent());
            assertEquals(List.of(0L, 0x8000000L, 0xc000000L, 0x10000000L),
                    all.subList(0, 4).stream().map(NamespaceInfo::dpa).toList());
            assertEquals(4 * MIB, all.get(0).dataOffset());
            assertEquals(2 * MIB, all.get(1).dataOffset());

            Mapping raw = card.driver.data("namespace0.3").orElseThrow().data();
            byte[] block = new byte[4096];
            raw.get(1 * MIB, block, 0, block.length);
            byte[] expected = new byte[4096];
            byte[] text = "raw-at-1MiB".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, expected, 0, text.length);
            assertArrayEquals(expected, block, "dd ... bs=4096 seek=256 conv=sync: the text padded to a block");
            SectorDevice sectors = card.driver.data("namespace0.2").orElseThrow().sectors();
            assertEquals(4096, sectors.sectorSize());
            assertEquals(65966080, sectors.size());
            sectors.read(3, block, 0, block.length);
            expected = new byte[4096];
            text = "sector-three-of-sectorns".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, expected, 0, text.length);
            assertArrayEquals(expected, block, "printf ... | dd of=/dev/pmem0.2s bs=4096 seek=3 conv=sync");
            assertThrows(UnsupportedOperationException.class, () -> card.driver.data("namespace0.2").orElseThrow().data(),
                    "a BTT's bytes are not the namespace's data");

            card.driver.disable("namespace0.0");
            card.driver.disable("namespace0.1");
            assertEquals(List.of(new InfoBlockReport("namespace0.0", "NVDIMM_PFN_INFO", FSDAX_PFN, FSDAX_LABEL, 0, "1.4",
                    4194304, 31744, 2, 0, 0, 2097152, 4096, 64)), card.driver.readInfoblock("namespace0.0"));
            assertEquals(List.of(new InfoBlockReport("namespace0.1", "NVDIMM_DAX_INFO", DEVDAX_PFN, DEVDAX_LABEL, 0, "1.4",
                    2097152, 15872, 2, 0, 0, 2097152, 4096, 64)), card.driver.readInfoblock("namespace0.1"));
            assertTrue(card.driver.check("namespace0.0", false, false).consistent());
            assertTrue(card.driver.check("namespace0.1", false, false).consistent());
            assertTrue(card.driver.check("namespace0.3", true, false).found().contains("raw"));
            card.driver.disable("namespace0.2");
            NamespaceCheck btt = card.driver.check("namespace0.2", false, false);
            assertEquals("BTT 2.0, 1 arena", btt.found());
            assertTrue(btt.consistent(), btt.toString());
        }
    }

    /** A label that says sector with no BTT found: it lists raw, as Linux lists it, and its bytes are not offered. */
    @Test
    void withoutTheBttTheSectorNamespaceListsRawAndIsNotOffered() throws Exception {
        try (ImageCard card = new ImageCard(FixtureImage.copy(dir), COOKIE, ImageCard.LABEL_AREA, SectorProbe.NONE)) {
            List<NamespaceInfo> all = card.driver.namespaces();
            assertEquals(List.of(README.get(0), README.get(1), README.get(3)),
                    List.of(all.get(0).listing(), all.get(1).listing(), all.get(3).listing()));
            assertEquals(new NamespaceListing("namespace0.2", NamespaceMode.RAW, null, 64 * MIB, SECTOR_LABEL, null, null,
                    4096, 0, "pmem0.2", true, "sectorns"), all.get(2).listing());
            assertTrue(card.driver.data("namespace0.2").isEmpty(), "its label says sector: never offered as raw bytes");
        }
    }
}
