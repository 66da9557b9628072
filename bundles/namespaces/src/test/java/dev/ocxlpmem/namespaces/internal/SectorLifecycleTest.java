package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.btt.SectorDevice;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.namespaces.Namespace;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * Sector namespaces through the lifecycle (issue 10's session): {@code create-namespace -m sector}
 * writes a BTT Linux reads, the namespace's service gives its sectors, and check-namespace checks
 * and repairs it, on a real core over a card image.
 */
class SectorLifecycleTest {
    static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    /** A card as the linux-peer runs had it: 1 GiB of DPA space, v1.2 labels in a 128 KiB label area. */
    ImageCard peerCard(LabelVersion version) throws Exception {
        ImageCard card = new ImageCard(ImageCard.blank(dir, 128 << 10, 1L << 30), LifecycleTest.SERIAL, 128 << 10,
                new BttProbe(ImageCard.BTT));
        card.region().disable();
        card.labels.init(card.dimm(), version, true);
        card.region().enable();
        card.events.clear();
        return card;
    }

    static NamespaceOptions sector(String size, int sectorSize) {
        NamespaceOptions o = NamespaceOptions.none().withMode(NamespaceMode.SECTOR).withSectorSize(sectorSize);
        return size == null ? o : o.withSize(Regions.size(size));
    }

    /**
     * Issue 18: enabling a sector namespace reads and verifies its BTT once, in the probe, and the
     * namespace's BTT opens from what the probe read; so does each sector namespace of a region
     * being enabled.
     */
    @Test
    void enablingReadsTheBttOnce() throws Exception {
        CountingBtt btt = new CountingBtt(ImageCard.BTT);
        try (ImageCard card = new ImageCard(ImageCard.blank(dir, 128 << 10, 1L << 30), LifecycleTest.SERIAL, 128 << 10,
                btt, new BttProbe(btt))) {
            card.region().disable();
            card.labels.init(card.dimm(), LabelVersion.V1_2, true);
            card.region().enable();
            NamespaceDriver ns = card.driver;
            ns.create("region0", sector("64M", 512));
            ns.create("region0", sector("32M", 4096));
            byte[] record = sector(512, "read once");
            ns.data("namespace0.0").orElseThrow().sectors().write(5, record, 0, record.length);
            ns.disable("namespace0.0");

            btt.reads.set(0);
            ns.enable("namespace0.0");
            assertEquals(1, btt.reads.get(), "the probe reads the BTT");
            assertEquals(0, btt.opens.get(), "the namespace's BTT opens from the probe's reading");
            byte[] read = new byte[512];
            ns.data("namespace0.0").orElseThrow().sectors().read(5, read, 0, read.length);
            assertArrayEquals(record, read);

            btt.reads.set(0);
            card.region().disable();
            card.region().enable();
            assertEquals(2, btt.reads.get(), "one reading for each sector namespace");
            assertEquals(0, btt.opens.get());
            ns.data("namespace0.0").orElseThrow().sectors().read(5, read, 0, read.length);
            assertArrayEquals(record, read);
            assertEquals(4096, ns.data("namespace0.1").orElseThrow().sectors().sectorSize());
        }
    }

    @Test
    void theSessionOfTheIssue() throws Exception {
        try (ImageCard card = peerCard(LabelVersion.V1_2)) {
            NamespaceDriver ns = card.driver;
            NamespaceInfo wal = ns.create("region0", sector("64M", 4096).withName("wal"));
            assertEquals("namespace0.0", wal.dev());
            assertEquals(NamespaceMode.SECTOR, wal.mode());
            assertEquals(65966080, wal.listing().size(), "what Linux prints for -s 64M -l 4096 (fixture README)");
            assertEquals(4096, wal.listing().sectorSize());
            assertEquals("pmem0s", wal.listing().blockdev());
            assertEquals("wal", wal.listing().name());
            assertNotEquals(wal.labelUuid(), wal.listing().uuid(), "uuid is the BTT's, raw_uuid the label's");

            Namespace service = ns.data("namespace0.0").orElseThrow();
            assertEquals(NamespaceMode.SECTOR, service.mode());
            assertEquals(65966080, service.size());
            assertThrows(UnsupportedOperationException.class, service::data);
            SectorDevice sectors = service.sectors();
            byte[] record = sector(4096, "commit 42");
            sectors.write(7, record, 0, record.length);
            byte[] read = new byte[4096];
            sectors.read(7, read, 0, read.length);
            assertArrayEquals(record, read);

            ns.disable("namespace0.0");
            assertTrue(ns.data("namespace0.0").isEmpty(), "the service goes with the namespace");
            assertThrows(MappingClosedException.class, () -> sectors.write(8, record, 0, record.length),
                    "a device kept past disable refuses, as a mapping does");
            NamespaceCheck check = ns.check("namespace0.0", false, false);
            assertEquals("BTT 2.0, 1 arena", check.found());
            assertTrue(check.consistent(), check.toString());
            ns.enable("namespace0.0");

            card.unplug();
            card.plug();
            NamespaceInfo again = ns.namespace("namespace0.0");
            assertEquals(wal.listing(), again.listing(), "the same BTT after the card came back");
            ns.data("namespace0.0").orElseThrow().sectors().read(7, read, 0, read.length);
            assertArrayEquals(record, read, "an acknowledged sector survives");
            ns.data("namespace0.0").orElseThrow().sectors().read(8, read, 0, read.length);
            assertArrayEquals(new byte[4096], read, "the write refused after disable wrote nothing");

            NamespaceInfo small = ns.reconfigure("namespace0.0", sector(null, 512).forced());
            assertEquals(NamespaceMode.SECTOR, small.mode());
            assertEquals(512, small.listing().sectorSize());
            assertEquals(66428928, small.listing().size(), "Linux: -s 64M -l 512 (linux-btt/sizes12.out)");
            assertNotEquals(wal.listing().uuid(), small.listing().uuid(), "a fresh BTT");
            assertEquals("wal", small.listing().name());

            NamespaceInfo fsdax = ns.reconfigure("namespace0.0", NamespaceOptions.none().withMode(NamespaceMode.FSDAX).forced());
            assertEquals(NamespaceMode.FSDAX, fsdax.mode());
            assertTrue(ImageCard.BTT.readInfoBlock(card.memory().slice(fsdax.dpa(), fsdax.rawSize()), BttVersion.V2_0).isEmpty(),
                    "the BTT's info block is cleared for the PFN one");
            NamespaceInfo back = ns.reconfigure("namespace0.0", sector(null, 4096).forced());
            assertEquals(65966080, back.listing().size());
            assertEquals(NamespaceMode.SECTOR, ns.data("namespace0.0").orElseThrow().mode());
        }
    }

    /** Every create of linux-btt/sizes12.cmds: the sizes, sector sizes, names and refusals Linux printed. */
    @Test
    void theSizesLinuxGives() throws Exception {
        String out = resource("linux-btt/sizes12.out");
        Pattern create = Pattern.compile("^\\$ ndctl create-namespace -m sector -s (\\S+)(?: -l (\\d+))?\\n(.*?)(?=^\\$ )",
                Pattern.MULTILINE | Pattern.DOTALL);
        Matcher m = create.matcher(out);
        int compared = 0;
        try (ImageCard card = peerCard(LabelVersion.V1_2)) {
            while (m.find()) {
                String linux = m.group(3);
                NamespaceOptions options = sector(m.group(1), m.group(2) == null ? 4096 : Integer.parseInt(m.group(2)));
                if (linux.contains("[exit status")) {
                    assertThrows(NvdimmException.class, () -> card.driver.create("region0", options), linux);
                } else {
                    NamespaceInfo ours = card.driver.create("region0", options);
                    assertEquals(field(linux, "dev"), ours.dev(), linux);
                    assertEquals(Long.parseLong(field(linux, "size")), ours.listing().size(), linux);
                    assertEquals(Integer.parseInt(field(linux, "sector_size")), ours.listing().sectorSize(), linux);
                    assertEquals(field(linux, "blockdev"), ours.listing().blockdev(), linux);
                }
                compared++;
            }
        }
        assertEquals(20, compared, "every create of the transcript");
    }

    @Test
    void checkRepairsWhatNdctlRepairsAndABttThatDoesNotVerifyDoesNotEnable() throws Exception {
        try (ImageCard card = peerCard(LabelVersion.V1_2)) {
            NamespaceDriver ns = card.driver;
            NamespaceInfo info = ns.create("region0", sector("32M", 4096));
            ns.disable(info.dev());
            Mapping whole = card.memory().slice(info.dpa(), info.rawSize());
            BttInfo arena = ImageCard.BTT.readInfoBlock(whole, BttVersion.V2_0).orElseThrow();

            whole.putLong(arena.info2Off() + 64, ~whole.getLong(arena.info2Off() + 64)); // the backup info block
            NamespaceCheck found = ns.check(info.dev(), false, false);
            assertFalse(found.consistent());
            assertTrue(found.repaired().isEmpty(), "nothing written without -R");
            NamespaceCheck repaired = ns.check(info.dev(), false, true);
            assertFalse(repaired.repaired().isEmpty(), repaired.toString());
            assertTrue(repaired.consistent(), repaired.toString());
            assertTrue(ns.check(info.dev(), false, false).consistent());

            long entry = arena.mapOff() + 4L * 3;
            int saved = whole.getInt(entry);
            whole.putInt(entry, 0xC0000000 | (int) (arena.internalNlba() + 5)); // names a block past the arena
            String refused = assertThrows(NamespaceException.class, () -> ns.enable(info.dev())).getMessage();
            assertTrue(refused.contains("failed to enable") && refused.contains("does not verify"), refused);
            assertTrue(ns.data(info.dev()).isEmpty());
            NamespaceCheck bad = ns.check(info.dev(), false, true);
            assertFalse(bad.consistent(), "ndctl's repair does not touch a map entry out of range");
            assertEquals(0xC0000000 | (int) (arena.internalNlba() + 5), whole.getInt(entry), "not silently rewritten");
            whole.putInt(entry, saved);
            ns.enable(info.dev());
            assertTrue(ns.data(info.dev()).isPresent());

            String notBtt = assertThrows(NamespaceException.class, () -> {
                NamespaceInfo raw = ns.create("region0", NamespaceOptions.none().withMode(NamespaceMode.RAW).withSize(16L << 20));
                ns.check(raw.dev(), true, true);
            }).getMessage();
            assertTrue(notBtt.contains("has no BTT"), notBtt);
        }
    }

    @Test
    void refusalsWriteNothing() throws Exception {
        try (ImageCard card = peerCard(LabelVersion.V1_2)) {
            byte[] labelsBefore = labelArea(card);
            String lba = assertThrows(NvdimmException.class, () -> card.driver.create("region0", sector("64M", 1000)))
                    .getMessage();
            assertTrue(lba.contains("sector_size 1000"), lba);
            assertThrows(NvdimmException.class, () -> card.driver.create("region0", sector("8M", 4096)));
            assertArrayEquals(labelsBefore, labelArea(card));
            assertEquals(1L << 30, card.region().availableSize());
        }
        try (ImageCard card = peerCard(LabelVersion.V1_1)) {
            String tooSmall = assertThrows(NvdimmException.class,
                    () -> card.driver.create("region0", sector("16M", 4096))).getMessage();
            assertTrue(tooSmall.contains("namespace0.0"), tooSmall);
        }
    }

    @Test
    void version11LabelsGetBtt11AtFourKiB() throws Exception {
        try (ImageCard card = peerCard(LabelVersion.V1_1)) {
            NamespaceInfo info = card.driver.create("region0", sector("64M", 512));
            Mapping whole = card.memory().slice(info.dpa(), info.rawSize());
            assertTrue(ImageCard.BTT.readInfoBlock(whole, BttVersion.V1_1).isPresent());
            assertEquals(NamespaceMode.SECTOR, info.mode());
            card.driver.data(info.dev()).orElseThrow().sectors().write(0, new byte[512], 0, 512);
        }
    }

    private static byte[] labelArea(ImageCard card) throws Exception {
        return card.labels.readArea(card.dimm());
    }

    private static byte[] sector(int size, String text) {
        return Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), size);
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\":\"?([^\",\\n]+)").matcher(json);
        assertTrue(m.find(), name + " in " + json);
        return m.group(1);
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = SectorLifecycleTest.class.getClassLoader().getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8) + "\n$ end\n";
        }
    }
}
