package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.Namespace;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;

/**
 * The namespace lifecycle on a real core over a card image: the session of issue 9, with Linux's
 * numbers (linux-peer/alloc1.txt, recfg.txt and the fixture's README), its data reached through
 * the namespace services, and all of it read back after a restart and after the card is removed
 * and plugged again.
 */
class LifecycleTest {
    static final long MIB = 1L << 20;
    static final long SERIAL = 74565;

    @TempDir
    Path dir;

    static NamespaceOptions options(String mode, String size, String name) {
        return NamespaceOptions.none().withMode(Regions.mode(mode)).withSize(Regions.size(size)).withName(name);
    }

    /** The blank card of the distribution, its labels initialised as ndctl:init-labels -f -V 1.2 does. */
    ImageCard initialised() throws Exception {
        ImageCard card = new ImageCard(ImageCard.blank(dir, 1L << 30), SERIAL);
        card.region().disable();
        card.labels.init(card.dimm(), LabelVersion.V1_2, true);
        card.region().enable();
        assertEquals(List.of("namespace0.0 REMOVED"), events(card), "the label-less namespace went with the region");
        card.events.clear();
        return card;
    }

    @Test
    void theSessionOfTheIssue() throws Exception {
        try (ImageCard card = initialised()) {
            NamespaceDriver ns = card.driver;
            NamespaceInfo db = ns.create("region0", options("fsdax", "128M", "db"));
            assertEquals(new NamespaceListing("namespace0.0", NamespaceMode.FSDAX, "dev", 130023424, db.listing().uuid(),
                    db.labelUuid(), null, 512, 2 * MIB, "pmem0", true, "db"), db.listing());
            assertNotEquals(db.labelUuid(), db.listing().uuid(), "uuid is the info block's, raw_uuid the label's");
            assertEquals(4 * MIB, db.dataOffset());
            NamespaceInfo dax = ns.create("region0", NamespaceOptions.none().withMode(NamespaceMode.DEVDAX).withSize(64L << 20));
            assertEquals("namespace0.1", dax.dev());
            assertEquals(65011712, dax.listing().size());
            assertEquals("dax0.1", dax.listing().chardev());
            NamespaceInfo scratch = ns.create("region0", options("raw", "32M", "scratch"));
            assertEquals(new NamespaceListing("namespace0.2", NamespaceMode.RAW, null, 32 * MIB, scratch.labelUuid(), null,
                    null, 512, 0, "pmem0.2", true, "scratch"), scratch.listing());
            assertRegion(card, 1024 - 224, 1024 - 224);
            assertEquals(List.of("namespace0.0", "namespace0.1", "namespace0.2", "namespace0.3"), devs(ns.namespaces()),
                    "and the seed");

            NamespaceInfo recfg = ns.reconfigure("namespace0.2", NamespaceOptions.none().withMode(NamespaceMode.FSDAX).forced());
            assertEquals("namespace0.2", recfg.dev());
            assertEquals(NamespaceMode.FSDAX, recfg.mode());
            assertEquals(30 * MIB, recfg.listing().size(), "32 MiB less the 2 MiB of its info block and page metadata");
            assertEquals("scratch", recfg.listing().name(), "the name carries over");
            assertNotEquals(scratch.labelUuid(), recfg.labelUuid(), "a reconfigured label gets a new uuid");
            assertEquals(scratch.dpa(), recfg.dpa());

            ns.disable("namespace0.1");
            assertFalse(ns.namespace("namespace0.1").enabled());
            assertEquals(NamespaceMode.RAW, ns.namespace("namespace0.1").mode(), "a disabled namespace lists as raw");
            assertTrue(ns.destroy("namespace0.1", true));
            assertRegion(card, 1024 - 160, 1024 - 224);
            assertEquals(List.of("namespace0.0", "namespace0.2", "namespace0.3"), devs(ns.namespaces()));

            ns.disable("namespace0.0");
            assertEquals(List.of(new InfoBlockReport("namespace0.0", "NVDIMM_PFN_INFO", db.listing().uuid(),
                    db.labelUuid(), 0, "1.4", 4 * MIB, 31744, 2, 0, 0, 2 * MIB, 4096, 64)), ns.readInfoblock("namespace0.0"));
            NamespaceCheck check = ns.check("namespace0.0", false, false);
            assertTrue(check.consistent(), check.toString());
            assertTrue(check.found().startsWith("NVDIMM_PFN_INFO (fsdax) valid"), check.found());
            ns.enable("namespace0.0");
            assertEquals(db.listing(), ns.namespace("namespace0.0").listing());

            assertEquals(List.of("namespace0.0 CREATED", "namespace0.1 CREATED", "namespace0.2 CREATED",
                    "namespace0.2 RECONFIGURED", "namespace0.1 DISABLED", "namespace0.1 DESTROYED", "namespace0.0 DISABLED",
                    "namespace0.0 ENABLED"), events(card));
        }
    }

    @Test
    void everythingSurvivesARestartAndTheCardRemovedAndAddedBack() throws Exception {
        Path image;
        Map<UUID, String> before;
        try (ImageCard card = initialised()) {
            image = card.image;
            card.driver.create("region0", options("fsdax", "128M", "db"));
            card.driver.create("region0", options("devdax", "64M", "dax"));
            card.driver.create("region0", options("raw", "32M", "scratch"));
            card.driver.destroy("namespace0.1", true);
            card.driver.create("region0", options("raw", "16M", "small"));
            assertEquals(List.of("namespace0.0", "namespace0.1", "namespace0.2", "namespace0.3"),
                    devs(card.driver.namespaces()), "small filled the seed, 0.3; the seed is 0.1 again");
            before = state(card.driver.namespaces());
            Namespace db = card.driver.data("namespace0.0").orElseThrow();
            Mapping data = db.data();
            data.copyAndPersist(0, "a record".getBytes(StandardCharsets.UTF_8), 0, 8);

            card.unplug();
            assertTrue(card.driver.namespaces().isEmpty(), "the card is gone, and its namespaces");
            assertTrue(card.driver.data("namespace0.0").isEmpty());
            assertThrows(MappingClosedException.class, () -> data.getLong(0));
            assertThrows(MappingClosedException.class, db::data);
            assertTrue(events(card).containsAll(List.of("namespace0.0 REMOVED", "namespace0.3 REMOVED")),
                    events(card).toString());

            card.plug();
            assertEquals(before, state(card.driver.namespaces()), "back as it was");
            // Linux numbers them afresh by their place on the DIMM: small, in the freed hole, is second
            assertEquals("small", card.driver.namespace("namespace0.1").listing().name());
            assertEquals("pmem0.1", card.driver.namespace("namespace0.1").listing().blockdev());
        }
        try (ImageCard restarted = new ImageCard(image, SERIAL)) {
            assertEquals(before, state(restarted.driver.namespaces()));
            byte[] record = new byte[8];
            restarted.driver.data("namespace0.0").orElseThrow().data().get(0, record, 0, 8);
            assertEquals("a record", new String(record, StandardCharsets.UTF_8));
            assertRegion(restarted, 1024 - 176, 1024 - 224);
        }
    }

    /** What a namespace is, whatever its number: by label uuid. */
    static Map<UUID, String> state(List<NamespaceInfo> infos) {
        return infos.stream().filter(NamespaceInfo::configured).collect(Collectors.toMap(NamespaceInfo::labelUuid,
                i -> i.listing().name() + " " + i.mode() + " " + i.listing().size() + " " + i.listing().uuid() + " dpa "
                        + i.dpa() + " rawsize " + i.rawSize() + " dataoff " + i.dataOffset()));
    }

    @Test
    void anApplicationsDataIsExactlyTheNamespacesDataRange() throws Exception {
        try (ImageCard card = initialised()) {
            NamespaceInfo fsdax = card.driver.create("region0", options("fsdax", "64M", "db"));
            NamespaceInfo raw = card.driver.create("region0", options("raw", "16M", "raw"));
            Namespace db = card.driver.data(fsdax.dev()).orElseThrow();
            assertEquals(fsdax.listing().size(), db.size());
            assertEquals("db", db.name());
            assertEquals(fsdax.listing().uuid(), db.uuid());
            Mapping data = db.data();
            assertEquals(db.size(), data.size());
            data.putLong(0, 0x1122334455667788L);
            data.putLong(data.size() - 8, 0x0102030405060708L);
            data.persist(0, data.size());
            // on the card: at the namespace's dataoff, and its last 8 bytes end at the namespace's end
            assertEquals(0x1122334455667788L, card.memory().getLong(fsdax.dpa() + fsdax.dataOffset()));
            assertEquals(0x0102030405060708L, card.memory().getLong(fsdax.dpa() + fsdax.rawSize() - 8));
            assertThrows(IndexOutOfBoundsException.class, () -> data.getLong(data.size() - 4));
            assertThrows(IndexOutOfBoundsException.class, () -> data.get(Long.MAX_VALUE, new byte[8], 0, 8));
            assertThrows(IndexOutOfBoundsException.class, () -> data.slice(8, data.size()));
            Mapping rawData = card.driver.data(raw.dev()).orElseThrow().data();
            assertEquals(16 * MIB, rawData.size(), "a raw namespace is all data");
            rawData.putByte(0, (byte) 7);
            assertEquals(7, card.memory().getByte(raw.dpa()));
            // one mapping closed leaves the others
            Mapping second = db.data();
            data.close();
            assertThrows(MappingClosedException.class, () -> data.getLong(0));
            assertEquals(0x1122334455667788L, second.getLong(0));
            assertEquals(0x1122334455667788L, second.slice(0, 8).getLong(0));
        }
    }

    @Test
    void aLabelLessRegionIsOneRawNamespaceAsLinuxHasIt() throws Exception {
        try (ImageCard card = new ImageCard(ImageCard.blank(dir, 1L << 30), SERIAL)) {
            NamespaceDriver ns = card.driver;
            assertEquals(List.of(new NamespaceListing("namespace0.0", NamespaceMode.RAW, null, 1L << 30, null, null, null,
                    512, 0, "pmem0", true, "")), ns.namespaces().stream().map(NamespaceInfo::listing).toList());
            assertEquals(0, card.region().availableSize(), "Linux shows a label-less region full");
            assertEquals(0, card.region().maxAvailableExtent());
            String refusal = assertThrows(Exception.class, () -> ns.create("region0", options("fsdax", "64M", null)))
                    .getMessage();
            assertTrue(refusal.contains("Legacy / label-less namespaces do not support sub-dividing a region"), refusal);
            assertTrue(refusal.contains("init-labels"), refusal);
            // the whole region reconfigured as fsdax; without autolabel it stays label-less
            NamespaceInfo fsdax = ns.reconfigure("namespace0.0", NamespaceOptions.none().withMode(NamespaceMode.FSDAX).forced()
                    .withoutAutolabel());
            assertEquals(NamespaceMode.FSDAX, fsdax.mode());
            assertEquals(null, fsdax.labelUuid());
            card.unplug();
            card.plug();
            assertEquals(fsdax.listing(), ns.namespace("namespace0.0").listing(), "read back from its info block");
            // with autolabel (ndctl's default) the area gets version 1.2 labels, the namespace one
            NamespaceInfo labeled = ns.reconfigure("namespace0.0", NamespaceOptions.none().withMode(NamespaceMode.RAW).forced());
            assertTrue(labeled.labelUuid() != null);
            assertEquals(LabelVersion.V1_2, card.labels.read(card.dimm()).version());
            assertEquals(1, card.labels.read(card.dimm()).labels().size());
            assertEquals(0, card.region().availableSize());
        }
    }

    static List<String> devs(List<NamespaceInfo> infos) {
        return infos.stream().map(NamespaceInfo::dev).toList();
    }

    static Map<String, NamespaceListing> listings(List<NamespaceInfo> infos) {
        return infos.stream().filter(NamespaceInfo::configured).collect(Collectors.toMap(NamespaceInfo::dev,
                NamespaceInfo::listing));
    }

    static List<String> events(ImageCard card) {
        synchronized (card.events) {
            return card.events.stream().filter(e -> e.action() != NamespaceEvent.Action.ADDED)
                    .map(e -> e.dev() + " " + e.action()).toList();
        }
    }

    /** The region's own numbers, as ndctl list -R shows them, in MiB. */
    static void assertRegion(ImageCard card, long availableMib, long maxExtentMib) {
        assertEquals(availableMib * MIB, card.region().availableSize(), "available_size");
        assertEquals(maxExtentMib * MIB, card.region().maxAvailableExtent(), "max_available_extent");
    }

    static byte[] bytes(Mapping m, long offset, int length) {
        byte[] b = new byte[length];
        m.get(offset, b, 0, length);
        return b;
    }

    static void assertSame(byte[] expected, byte[] actual, String what) {
        assertArrayEquals(expected, actual, what);
    }

    static UUID uuid(int n) {
        return new UUID(0x4000, 0x8000_0000_0000_0000L | n);
    }
}
