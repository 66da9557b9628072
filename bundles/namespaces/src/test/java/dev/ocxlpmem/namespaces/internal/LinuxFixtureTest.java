package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * The card image in which Linux 6.1 / ndctl 76 created four namespaces
 * (src/test/resources/linux-namespaces/README.md), mapped from a real file: its labels (the README's
 * table, as records) and info blocks read as Linux lists them.
 */
class LinuxFixtureTest {
    static final long MIB = 1L << 20;
    static final UUID FSDAX_LABEL = UUID.fromString("9adbdc12-fa83-4b1a-a5fa-239c43c686c7");
    static final UUID DEVDAX_LABEL = UUID.fromString("9f37c68c-e3a2-455e-bd27-93fca636f566");
    static final UUID SECTOR_LABEL = UUID.fromString("f0feef0f-cbb2-4dcb-a24b-72ab098e880c");
    static final UUID RAW_LABEL = UUID.fromString("24265b70-763a-426f-a26f-6de8b95f4843");
    static final UUID FSDAX_PFN = UUID.fromString("16953000-0cb3-4787-afef-21da1abc7824");
    static final UUID DEVDAX_PFN = UUID.fromString("a988152f-13f8-4d1a-b957-8c111e1085da");
    static final UUID SECTOR_BTT = UUID.fromString("5d03ca09-1c03-47a1-81e7-dde3a149471c");
    static final long COOKIE = 0xba90120012b4dcL;

    static Mapping region;

    @BeforeAll
    static void map() throws Exception {
        Path image = FixtureImage.path();
        region = MmapMemory.provider().map(image, FixtureImage.DPA0, 1L << 30);
    }

    @AfterAll
    static void unmap() {
        region.close();
    }

    /** The README's label table, slots 1-4, version 1.2. */
    static List<NamespaceLabel> labels() {
        return List.of(
                label(1, FSDAX_LABEL, "fsdaxns", 0x0, 0x8000000, 512, Abstraction.PFN),
                label(2, DEVDAX_LABEL, "devdaxns", 0x8000000, 0x4000000, 512, Abstraction.DAX),
                label(3, SECTOR_LABEL, "sectorns", 0xc000000, 0x4000000, 4096, Abstraction.BTT2),
                label(4, RAW_LABEL, "rawns", 0x10000000, 0x2000000, 512, Abstraction.NONE));
    }

    static NamespaceLabel label(int slot, UUID uuid, String name, long dpa, long size, long lba, Abstraction a) {
        return new NamespaceLabel(slot, uuid, name, 0, 1, 0, COOKIE, lba, dpa, size, 0, NamespaceLabel.PMEM_TYPE_GUID,
                a.guid());
    }

    static RegionScan.Region facts() {
        return new RegionScan.Region(0, 0, 1L << 30, 16 * MIB, COOKIE, COOKIE, 0);
    }

    static EnabledRegion enable(List<NamespaceLabel> labels, LabelVersion version) throws Exception {
        return EnabledRegion.enable(facts(), labels, version,
                ns -> Claim.probe(ns, region.slice(ns.dpa(), ns.size()), new BttProbe(ImageCard.BTT), PfnPlatform.X86_64),
                PfnPlatform.X86_64);
    }

    @Test
    void listsTheNamespacesOfTheReadme() throws Exception {
        EnabledRegion r = enable(labels(), LabelVersion.V1_2);
        List<NamespaceListing> l = r.listing();
        assertEquals(5, l.size(), "four namespaces and the seed: " + l);
        assertEquals(new NamespaceListing("namespace0.0", NamespaceMode.FSDAX, "dev", 130023424, FSDAX_PFN, FSDAX_LABEL,
                null, 512, 2097152, "pmem0", true, "fsdaxns"), l.get(0));
        assertEquals(new NamespaceListing("namespace0.1", NamespaceMode.DEVDAX, "dev", 65011712, DEVDAX_PFN,
                DEVDAX_LABEL, "dax0.1", 0, 2097152, null, true, "devdaxns"), l.get(1));
        assertEquals(new NamespaceListing("namespace0.2", NamespaceMode.SECTOR, null, 65966080, SECTOR_BTT,
                SECTOR_LABEL, null, 4096, 0, "pmem0.2s", true, "sectorns"), l.get(2));
        assertEquals(new NamespaceListing("namespace0.3", NamespaceMode.RAW, null, 33554432, RAW_LABEL, null, null, 512,
                0, "pmem0.3", true, "rawns"), l.get(3));
        assertEquals(new NamespaceListing("namespace0.4", NamespaceMode.RAW, null, 0, UuidBytes.NIL, null, null, 512, 0,
                null, false, ""), l.get(4));
        assertEquals(4, r.seed());
        assertEquals(771751936, r.availableSize());
        assertEquals(771751936, r.maxAvailableExtent());
    }

    @Test
    void theListingRendersAsNdctlPrintsIt() throws Exception {
        NamespaceListing fsdax = enable(labels(), LabelVersion.V1_2).listing().get(0);
        assertEquals("{dev=namespace0.0, mode=fsdax, map=dev, size=130023424, uuid=" + FSDAX_PFN + ", raw_uuid="
                + FSDAX_LABEL + ", sector_size=512, align=2097152, blockdev=pmem0, name=fsdaxns}",
                fsdax.fields(true, 0).toString());
        NamespaceListing devdax = enable(labels(), LabelVersion.V1_2).listing().get(1);
        assertEquals("{dev=namespace0.1, mode=devdax, map=dev, size=65011712, uuid=" + DEVDAX_PFN
                + ", chardev=dax0.1, align=2097152, name=devdaxns}", devdax.fields(false, 0).toString());
        assertEquals("{id=0, size=65011712, align=2097152, devices=[{chardev=dax0.1, size=65011712, align=2097152,"
                + " mode=devdax}]}", devdax.fields(true, 0).get("daxregion").toString());
    }

    @Test
    void readsTheInfoBlocksAsReadInfoblockPrintedThem() throws Exception {
        List<InfoBlockReport> fsdax = InfoBlocks.reports("namespace0.0", region.slice(0, 0x8000000));
        assertEquals(List.of(new InfoBlockReport("namespace0.0", "NVDIMM_PFN_INFO", FSDAX_PFN, FSDAX_LABEL, 0, "1.4",
                4194304, 31744, 2, 0, 0, 2097152, 4096, 64)), fsdax);
        List<InfoBlockReport> devdax = InfoBlocks.reports("namespace0.1", region.slice(0x8000000, 0x4000000));
        assertEquals(List.of(new InfoBlockReport("namespace0.1", "NVDIMM_DAX_INFO", DEVDAX_PFN, DEVDAX_LABEL, 0, "1.4",
                2097152, 15872, 2, 0, 0, 2097152, 4096, 64)), devdax);
        assertEquals(List.of(), InfoBlocks.reports("namespace0.3", region.slice(0x10000000, 0x2000000)));
        // the members and values of ndctl's JSON, in its order (linux-peer a1: read-infoblock -j and -u)
        assertEquals("{dev=namespace0.0, signature=NVDIMM_PFN_INFO, uuid=" + FSDAX_PFN + ", parent_uuid=" + FSDAX_LABEL
                + ", flags=0, version=1.4, dataoff=4194304, npfns=31744, mode=2, start_pad=0, end_trunc=0,"
                + " align=2097152, page_size=4096, page_struct_size=64}", fsdax.get(0).fields(false).toString());
        assertEquals("{dev=namespace0.0, signature=NVDIMM_PFN_INFO, uuid=" + FSDAX_PFN + ", parent_uuid=" + FSDAX_LABEL
                + ", flags=0, version=1.4, dataoff=0x400000, npfns=0x7c00, mode=2, start_pad=0, end_trunc=0,"
                + " align=0x200000, page_size=0x1000, page_struct_size=0x40}", fsdax.get(0).fields(true).toString());
    }

    @Test
    void encodingWritesLinuxsBytes() throws Exception {
        for (long[] ns : new long[][] {{0, 0x8000000}, {0x8000000, 0x4000000}}) {
            byte[] onMedia = InfoBlocks.read(region.slice(ns[0], ns[1]));
            PfnInfoBlock decoded = PfnInfoBlock.decode(onMedia);
            assertArrayEquals(onMedia, decoded.encode(), "decode then encode");
            // from nothing but the namespace's place, size, uuids and Linux's arithmetic
            PfnLayout layout = PfnLayout.compute(ns[0], ns[1], PfnInfoBlock.MODE_PMEM, 2 * MIB, PfnPlatform.X86_64);
            PfnInfoBlock fresh = PfnInfoBlock.of(decoded.kind(), decoded.uuid(), decoded.parentUuid(), layout,
                    PfnPlatform.X86_64);
            assertArrayEquals(onMedia, fresh.encode(), "computed afresh");
            assertEquals(PfnInfoBlock.storedChecksum(onMedia), PfnInfoBlock.checksum(onMedia));
        }
    }

    @Test
    void theRawNamespaceHoldsWhatLinuxWroteAtOneMebibyte() throws Exception {
        EnabledRegion r = enable(labels(), LabelVersion.V1_2);
        LabelNamespace raw = r.namespace(3).ns();
        Mapping ns = region.slice(raw.dpa(), raw.size());
        byte[] b = new byte[4096];
        ns.get(1 * MIB, b, 0, b.length);
        byte[] expected = new byte[4096];
        byte[] text = "raw-at-1MiB".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, expected, 0, text.length);
        assertArrayEquals(expected, b, "dd ... bs=4096 seek=256 conv=sync: the text padded to a block");
        assertEquals(0x10000000 + 1 * MIB, raw.dpa() + 1 * MIB);
    }

    /**
     * The same labels as version 1.1 writes them (no abstraction GUID, cookie1): Linux finds the
     * claims by probing. The fsdax and devdax info blocks still claim theirs; the BTT 2.0 block at
     * offset 0 is not where a v1.1 BTT probe looks (4 KiB), so that namespace reads raw.
     */
    @Test
    void withV11LabelsTheInfoBlocksDecide() throws Exception {
        List<NamespaceLabel> v11 = labels().stream().map(l -> new NamespaceLabel(l.slot(), l.uuid(), l.name(), 0, 1, 0,
                COOKIE, l.lbaSize(), l.dpa(), l.rawSize(), 0, null, null)).toList();
        List<NamespaceListing> l = enable(v11, LabelVersion.V1_1).listing();
        assertEquals(NamespaceMode.FSDAX, l.get(0).mode());
        assertEquals(FSDAX_PFN, l.get(0).uuid());
        assertEquals(NamespaceMode.DEVDAX, l.get(1).mode());
        assertEquals(NamespaceMode.RAW, l.get(2).mode());
        assertEquals(SECTOR_LABEL, l.get(2).uuid());
        assertEquals(67108864, l.get(2).size());
        assertEquals(4096, l.get(2).sectorSize());
        assertEquals(NamespaceMode.RAW, l.get(3).mode());
    }

    /**
     * A v1.2 label whose claim is not the info block's: devdax, BTT or an unknown GUID over a PFN
     * block. Only the probes the claim allows run, none finds its block: raw (linux-peer/claim-linux.txt).
     */
    @Test
    void theLabelsClaimClassLimitsTheProbes() throws Exception {
        for (UUID guid : new UUID[] {Abstraction.DAX.guid(), Abstraction.BTT.guid(),
                UUID.fromString("12345678-1234-4234-8234-123456789abc")}) {
            NamespaceLabel other = new NamespaceLabel(1, FSDAX_LABEL, "fsdaxns", 0, 1, 0, COOKIE, 512, 0, 0x8000000, 0,
                    NamespaceLabel.PMEM_TYPE_GUID, guid);
            NamespaceListing l = enable(List.of(other), LabelVersion.V1_2).listing().get(0);
            assertEquals(NamespaceMode.RAW, l.mode(), guid.toString());
            assertEquals(FSDAX_LABEL, l.uuid());
            assertTrue(l.enabled());
        }
        List<NamespaceLabel> none = List.of(label(1, FSDAX_LABEL, "fsdaxns", 0, 0x8000000, 512, Abstraction.NONE));
        assertEquals(NamespaceMode.FSDAX, enable(none, LabelVersion.V1_2).listing().get(0).mode(),
                "an all-zero GUID lets every probe look");
    }

    /** A blank label area: one raw namespace over the region; the PFN block's parent is not nil. */
    @Test
    void withoutLabelsTheRegionIsOneRawNamespace() throws Exception {
        EnabledRegion r = enable(List.of(), null);
        assertEquals(List.of(new NamespaceListing("namespace0.0", NamespaceMode.RAW, null, 1L << 30, null, null, null,
                512, 0, "pmem0", true, "")), r.listing());
        assertEquals(0, r.availableSize());
        assertEquals(-1, r.seed());
        Map<String, Object> f = r.listing().get(0).fields(true, 0);
        assertNull(f.get("uuid"), "a label-less namespace has no uuid");
        assertTrue(r.labelLess());
    }
}
