package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.NamespaceOptions.MapLocation;
import dev.ocxlpmem.namespaces.NamespaceOptions.Size;

/**
 * What a create or reconfigure is given and what it plans, and each refusal as one line that says
 * why; a refused request leaves the region as it was. (The same refusals against Linux's words are
 * in LinuxReplayTest's recfg.txt replay.)
 */
class CreateRulesTest {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** One source for the whole class: uuids never repeat. */
    static final java.util.function.Supplier<UUID> UUIDS = Regions.counting();

    static NamespaceOptions o() {
        return NamespaceOptions.none();
    }

    static String refusal(EnabledRegion r, NamespaceOptions o) {
        List<NamespaceListing> before = r.listing();
        long available = r.availableSize();
        NamespaceException e = assertThrows(NamespaceException.class, () -> r.planCreate(o, UUIDS));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(before, r.listing(), "a refusal changes nothing");
        assertEquals(available, r.availableSize());
        return e.getMessage();
    }

    /** Creates what ndctl creates, carried out on the model (nothing on media: the model only). */
    static NamespacePlan create(EnabledRegion r, NamespaceOptions o) throws Exception {
        NamespacePlan p = r.planCreate(o, UUIDS);
        LabelNamespace ns = new LabelNamespace(p.id(), p.labelUuid(), p.name(), p.lbaSize(), ClaimClass.of(p.abstraction()),
                p.dpa(), p.rawSize(), p.dpa());
        Claim claim = p.infoBlock() == null ? Claim.raw() : Claim.probe(ns, p.infoBlock().encode(), PfnPlatform.X86_64);
        r.applied(p, claim);
        return p;
    }

    @Test
    void defaultsAsNdctl() throws Exception {
        EnabledRegion r = Regions.empty(1L << 30);
        NamespacePlan p = r.planCreate(o(), UUIDS);
        assertEquals(NamespaceMode.FSDAX, p.mode());
        assertEquals(1L << 30, p.rawSize(), "the largest free extent");
        assertEquals(2 * MIB, p.align());
        assertEquals(512, p.lbaSize());
        assertEquals(Abstraction.PFN, p.abstraction());
        assertEquals("", p.name());
        assertEquals(0, p.id());
        assertEquals(1054867456, p.listedSize());
        NamespacePlan sector = r.planCreate(o().withMode(NamespaceMode.SECTOR).withSize(64L << 20), UUIDS);
        assertEquals(4096, sector.lbaSize(), "ndctl's sector default 4096 reaches the label");
        assertEquals(4096, sector.sectorSize());
        assertEquals(Abstraction.BTT2, sector.abstraction());
        assertEquals(-1, sector.listedSize(), "the BTT decides");
        NamespacePlan raw = r.planCreate(o().withMode(NamespaceMode.RAW).withSize(16L << 20).withSectorSize(4096), UUIDS);
        assertEquals(4096, raw.lbaSize());
        assertEquals(0, raw.align());
        assertEquals(Abstraction.NONE, raw.abstraction());
    }

    @Test
    void refusesSizesThatDoNotFitOrAreNotAligned() throws Exception {
        EnabledRegion r = Regions.empty(GIB);
        create(r, o().withSize(1008 * MIB).withMode(NamespaceMode.RAW));
        assertEquals("failed to create namespace: No space left on device: region0 has no free extent of 33554432 bytes"
                + " (its largest is 16777216)", refusal(r, o().withSize(32 * MIB)));
        EnabledRegion e = Regions.empty(GIB);
        assertEquals("region0: align setting is 0x1000000 size 0x1400000 is misaligned: use a multiple of 16M",
                refusal(e, o().withSize(20 * MIB)));
        assertEquals("'--size=' must align to interleave-width: 1 and alignment: 1073741824; did you intend"
                + " --size=1024M?", refusal(e, o().withSize(new Size(512 * MIB, MIB)).withAlign(GIB)),
                "in the unit the size was given in");
        assertEquals("'--size=' must align to interleave-width: 1 and alignment: 1073741824; did you intend"
                + " --size=1073741824?", refusal(e, o().withSize(512 * MIB).withAlign(GIB)));
        assertTrue(refusal(e, o().withSize(GIB).withAlign(GIB)).startsWith("unable to satisfy requested alignment"));
    }

    @Test
    void refusesNamesThatDoNotFitALabel() throws Exception {
        EnabledRegion r = Regions.empty(GIB);
        String n63 = "n".repeat(63);
        assertEquals(n63, r.planCreate(o().withSize(16 * MIB).withName(n63), UUIDS).name());
        assertEquals("alt name overflow: name '" + "n".repeat(64) + "' is 64 bytes of UTF-8, at most 63 fit in a label",
                refusal(r, o().withSize(16 * MIB).withName("n".repeat(64))));
        String accents = "é".repeat(32);
        assertTrue(refusal(r, o().withSize(16 * MIB).withName(accents)).contains("is 64 bytes of UTF-8"));
        assertEquals("a namespace name cannot contain NUL", refusal(r, o().withSize(16 * MIB).withName("a\0b")));
    }

    /** What the lifecycle refuses of typed options (what ndctl cannot read, the ndctl service refuses). */
    @Test
    void refusesModesMapsAndAlignmentsLinuxDoesNotOffer() throws Exception {
        EnabledRegion r = Regions.empty(GIB);
        assertEquals("--map=mem is not supported: this host keeps no page metadata in its memory for a card; use"
                + " --map=dev (the default)", refusal(r, o().withMap(MapLocation.MEM)));
        assertEquals("--map only valid for fsdax and devdax namespaces",
                refusal(r, o().withMode(NamespaceMode.RAW).withMap(MapLocation.DEV)));
        assertEquals("unsupported align: 8M (this kernel supports 4K, 2M, 1G)", refusal(r, o().withAlign(8 * MIB)));
        assertEquals("unsupported align: 3M (this kernel supports 4K, 2M, 1G)", refusal(r, o().withAlign(3 * MIB)),
                "no power of two (the ndctl service refuses it as typed)");
        assertEquals("raw mode does not support setting an alignment",
                refusal(r, o().withMode(NamespaceMode.RAW).withAlign(2 * MIB)));
        assertEquals("sector mode does not support setting an alignment",
                refusal(r, o().withMode(NamespaceMode.SECTOR).withAlign(2 * MIB)));
        assertEquals("region0: does not support namespace sector_size 1024 (use 512 or 4096)",
                refusal(r, o().withSectorSize(1024)));
        assertEquals("region0: does not support btt sector_size 1000 (use one of [512, 520, 528, 4096, 4104, 4160, 4224])",
                refusal(r, o().withMode(NamespaceMode.SECTOR).withSectorSize(1000)));
        assertEquals("uuid 00000000-0000-0000-0000-000000000000 is nil: a namespace needs a uuid",
                refusal(r, o().withUuid(new UUID(0, 0))));
    }

    /** linux-peer/recfg.txt and misc1.txt: which uuids Linux lets a new label take. */
    @Test
    void uuidsLinuxHoldsInUse() throws Exception {
        EnabledRegion r = Regions.empty(1L << 30);
        UUID given = UUID.fromString("11111111-2222-3333-4444-555555555555");
        NamespacePlan fs = create(r, o().withSize(64L << 20).withUuid(given));
        assertEquals(given, fs.labelUuid());
        assertEquals("uuid " + given + " is in use by namespace0.0 (its label): Linux refuses it (set_uuid failed:"
                + " Invalid argument)", refusal(r, o().withSize(16L << 20).withMode(NamespaceMode.RAW).withUuid(given)));
        UUID pfn = fs.infoBlock().uuid();
        assertEquals("uuid " + pfn + " is in use by namespace0.0 (its fsdax info block): Linux refuses it (set_uuid"
                + " failed: Invalid argument)", refusal(r, o().withSize(16L << 20).withMode(NamespaceMode.RAW).withUuid(pfn)));
        NamespacePlan dax = create(r, o().withSize(64L << 20).withMode(NamespaceMode.DEVDAX));
        NamespacePlan reuse = r.planCreate(o().withSize(16L << 20).withMode(NamespaceMode.RAW).withUuid(dax.infoBlock().uuid()),
                UUIDS);
        assertEquals(dax.infoBlock().uuid(), reuse.labelUuid(), "Linux does not look at devdax info-block uuids");
    }

    @Test
    void reconfigureKeepsWhatIsNotGivenAndRenamesTheLabel() throws Exception {
        EnabledRegion r = Regions.empty(1L << 30);
        NamespacePlan fs = create(r, o().withSize(64L << 20).withName("X"));
        assertEquals("namespace0.0 is active, specify --force for re-configuration", assertThrows(
                NamespaceException.class, () -> r.planReconfigure(0, o().withMode(NamespaceMode.DEVDAX), UUIDS))
                .getMessage());
        NamespacePlan dax = r.planReconfigure(0, o().withMode(NamespaceMode.DEVDAX).forced(), UUIDS);
        assertEquals("X", dax.name());
        assertEquals(64 * MIB, dax.rawSize());
        assertEquals(0, dax.dpa());
        assertTrue(dax.clearInfoBlock());
        assertFalse(dax.labelUuid().equals(fs.labelUuid()), "a new label uuid, as ndctl generates one");
        assertEquals(2 * MIB, dax.align());
        UUID own = fs.labelUuid();
        assertTrue(assertThrows(NamespaceException.class, () -> r.planReconfigure(0, o().withUuid(own).forced(),
                UUIDS)).getMessage().startsWith("namespace0.0: uuid " + own + " is in use by namespace0.0"));
        NamespacePlan same = r.planReconfigure(0, o().forced(), UUIDS);
        assertEquals(NamespaceMode.FSDAX, same.mode(), "the current mode");
        assertEquals(2 * MIB, same.align(), "the current alignment");
        create(r, o().withSize(64L << 20).withMode(NamespaceMode.RAW));
        NamespaceException grow = assertThrows(NamespaceException.class, () -> r.planReconfigure(0,
                o().withSize(128L << 20).forced(), UUIDS));
        assertTrue(grow.getMessage().startsWith("namespace0.0: set_size failed: cannot grow"), grow.getMessage());
    }

    /**
     * A 1 GiB namespace aligned to 1 GiB that starts 16 MiB past a gigabyte boundary keeps no data:
     * Linux creates it anyway, lists it with size 0 and hangs disabling it (linux-peer/gib-linux.txt);
     * this refuses it.
     */
    @Test
    void refusesANamespaceWithoutData() throws Exception {
        EnabledRegion r = Regions.empty(4L << 30);
        create(r, o().withMode(NamespaceMode.RAW).withSize(16L << 20));
        assertEquals("unable to satisfy requested alignment: a 1073741824-byte namespace at 0x1000000 aligned to"
                + " 1073741824 keeps no data after 1056964608 bytes of metadata and 16777216 cut from its end",
                refusal(r, o().withSize(1L << 30).withAlign(1L << 30)));
        assertEquals(1L << 30, r.planCreate(o().withSize(2L << 30).withAlign(1L << 30), UUIDS).listedSize());
    }

    @Test
    void aLabelLessRegionIsNotDivided() throws Exception {
        EnabledRegion r = Regions.labelLess(1L << 30);
        assertEquals("Legacy / label-less namespaces do not support sub-dividing a region: retry without -s/--size=,"
                + " or run init-labels to give the region labels", refusal(r, o().withSize(64L << 20)));
        assertTrue(refusal(r, o().withMode(NamespaceMode.FSDAX)).startsWith("failed to create namespace: No space left on device:"
                + " the label-less namespace0.0 spans region0"));
        NamespacePlan p = r.planReconfigure(0, o().withMode(NamespaceMode.FSDAX).forced().withoutAutolabel(), UUIDS);
        assertEquals(null, p.labelUuid());
        assertEquals(UuidBytes.NIL, p.infoBlock().parentUuid());
        assertEquals(1054867456, p.listedSize());
        NamespacePlan auto = r.planReconfigure(0, o().withMode(NamespaceMode.FSDAX).forced(), UUIDS);
        assertTrue(auto.initLabels(), "ndctl's autolabel");
        assertEquals(1L << 30, auto.rawSize());
        assertEquals("a label-less namespace has no label to keep a name: run init-labels first", assertThrows(
                NamespaceException.class, () -> r.planReconfigure(0, o().withName("x").forced().withoutAutolabel(),
                        UUIDS)).getMessage());
    }
}
