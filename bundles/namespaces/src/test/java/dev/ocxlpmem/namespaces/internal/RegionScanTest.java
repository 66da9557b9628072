package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;

/** What Linux makes of a region's labels ({@code scan_labels} and the DIMM's reservations). */
class RegionScanTest {
    static final long MIB = 1L << 20;
    static final long COOKIE = Regions.COOKIE;

    static NamespaceLabel label(int slot, long dpa, long size) {
        return label(slot, new UUID(1, slot), dpa, size, COOKIE);
    }

    static NamespaceLabel label(int slot, UUID uuid, long dpa, long size, long cookie) {
        return new NamespaceLabel(slot, uuid, "n" + slot, 0, 1, 0, cookie, 512, dpa, size, 0,
                NamespaceLabel.PMEM_TYPE_GUID, Abstraction.NONE.guid());
    }

    static RegionScan scan(List<NamespaceLabel> labels) {
        return RegionScan.scan(labels, LabelVersion.V1_2, Regions.facts(1L << 30));
    }

    @Test
    void numbersNamespacesByStartAddressNotBySlot() {
        RegionScan s = scan(List.of(label(0, 512 * MIB, 16 * MIB), label(1, 0, 16 * MIB), label(2, 64 * MIB, 32 * MIB)));
        assertEquals(RegionScan.Kind.LABELED, s.kind());
        assertEquals(List.of(0L, 64 * MIB, 512 * MIB), s.namespaces().stream().map(LabelNamespace::dpa).toList());
        assertEquals(List.of(0, 1, 2), s.namespaces().stream().map(LabelNamespace::id).toList());
        assertEquals(1L << 30 - 0, s.dpa().mappingSize());
    }

    /**
     * {@code cmp_dpa} is a {@code memcmp} of little-endian addresses: below 16 MiB granularity the
     * low bytes decide first, so a namespace at 4 KiB sorts after one at 32 MiB.
     */
    @Test
    void sortsAsLinuxsMemcmpDoes() {
        RegionScan s = scan(List.of(label(0, 4096, 4 * MIB), label(1, 32 * MIB, 16 * MIB), label(2, 48 * MIB + 8192,
                4 * MIB)));
        assertEquals(List.of(32 * MIB, 4096L, 48 * MIB + 8192), s.namespaces().stream().map(LabelNamespace::dpa).toList());
        assertTrue(RegionScan.memcmpLe(0x1_0000_0000L, 0x0100_0000L) < 0, "byte 3 decides before byte 4");
    }

    @Test
    void skipsLabelsOfAnotherInterleaveSetButKeepsTheirSpace() {
        RegionScan s = scan(List.of(label(0, new UUID(1, 1), 0, 64 * MIB, 0x1234), label(1, 64 * MIB, 16 * MIB)));
        assertEquals(1, s.namespaces().size());
        assertEquals(64 * MIB, s.namespaces().get(0).dpa());
        assertEquals(1024 * MIB - 80 * MIB, s.dpa().availableSize(), "the foreign label's DPA stays reserved");
    }

    @Test
    void noLabelsGiveTheSeed() {
        RegionScan s = scan(List.of());
        assertEquals(1, s.namespaces().size());
        assertEquals(0, s.namespaces().get(0).size());
        assertEquals(0, s.configured().size());
    }

    @Test
    void aBlankAreaOrOverlappingLabelsMakeTheRegionLabelLess() {
        RegionScan blank = RegionScan.scan(List.of(), null, Regions.facts(1L << 30));
        assertEquals(RegionScan.Kind.LABEL_LESS, blank.kind());
        assertEquals(List.of(new LabelNamespace(0, null, "", 0, ClaimClass.NONE, 0, 1L << 30, 0)), blank.namespaces());
        RegionScan overlap = scan(List.of(label(0, 0, 64 * MIB), label(1, 32 * MIB, 64 * MIB)));
        assertEquals(RegionScan.Kind.LABEL_LESS, overlap.kind());
        assertTrue(overlap.reason().contains("overlaps"), overlap.reason());
    }

    @Test
    void labelsLinuxRejectsFailTheRegion() {
        UUID same = new UUID(7, 7);
        RegionScan dup = scan(List.of(label(0, same, 0, 16 * MIB, COOKIE), label(1, same, 64 * MIB, 16 * MIB, COOKIE)));
        assertEquals(RegionScan.Kind.FAILED, dup.kind());
        assertEquals("conflicting extents for uuid: " + same, dup.reason(), "the first label makes a namespace");
        NamespaceLabel two = new NamespaceLabel(0, same, "", 0, 2, 0, COOKIE, 512, 0, 16 * MIB, 0,
                NamespaceLabel.PMEM_TYPE_GUID, null);
        assertEquals("nmem missing label for " + same + ": nlabel 2 is not the region's 1 mapping",
                scan(List.of(two)).reason());
        assertEquals("nmem missing label for " + same + ": duplicate entry for uuid",
                scan(List.of(two, label(1, same, 64 * MIB, 16 * MIB, COOKIE))).reason(),
                "has_uuid_at_pos goes on past a label of the wrong set size and finds a second");
        NamespaceLabel blk = new NamespaceLabel(0, same, "", 0, 1, 0, COOKIE, 512, 0, 16 * MIB, 0,
                UUID.fromString("92f701f6-13b4-405d-910b-299367e8234c"), null);
        assertTrue(scan(List.of(blk)).reason().contains("no label with cookie 0xba90120012b4dc and the pmem type GUID"));
        RegionScan past = scan(List.of(label(0, 1008 * MIB, 32 * MIB)));
        assertEquals(RegionScan.Kind.FAILED, past.kind());
        assertTrue(past.reason().contains("ends past the region"), past.reason());
        RegionScan zero = RegionScan.scan(List.of(label(0, 0, 16 * MIB)), LabelVersion.V1_2,
                new RegionScan.Region(0, 0, 1L << 30, 16 * MIB, 0, 0, 0));
        assertEquals(RegionScan.Kind.FAILED, zero.kind());
        assertTrue(zero.reason().contains("cookie is 0"), zero.reason());
    }

    @Test
    void labelsOutsideTheRegionAreNotItsNamespaces() {
        RegionScan s = scan(List.of(label(0, 1L << 31, 16 * MIB), label(1, 0, 16 * MIB)));
        assertEquals(1, s.namespaces().size());
    }

    @Test
    void v11LabelsUseCookie1AndHaveNoClaimClass() {
        NamespaceLabel v11 = new NamespaceLabel(0, new UUID(3, 3), "x", 0, 1, 0, 0x2468ac00123456L, 512, 0, 16 * MIB, 0,
                null, null);
        RegionScan.Region region = new RegionScan.Region(0, 0, 1L << 30, 16 * MIB, 0x2468ac00123456L, COOKIE, 0);
        RegionScan s = RegionScan.scan(List.of(v11), LabelVersion.V1_1, region);
        assertEquals(1, s.namespaces().size());
        assertEquals(ClaimClass.NONE, s.namespaces().get(0).claimClass());
        assertEquals(0, RegionScan.scan(List.of(v11), LabelVersion.V1_2, region).configured().size(),
                "with v1.2 index blocks the region expects cookie2");
    }
}
