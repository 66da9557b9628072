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

/**
 * What a create or reconfigure is given and what it plans, and each refusal as one line that says
 * why; a refused request leaves the region as it was. (The same refusals against Linux's words are
 * in LinuxReplayTest's recfg.txt replay.)
 */
class CreateRulesTest {
    static final long MIB = 1L << 20;
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
        NamespacePlan sector = r.planCreate(o().withMode("sector").withSize("64M"), UUIDS);
        assertEquals(4096, sector.lbaSize(), "ndctl's sector default 4096 reaches the label");
        assertEquals(4096, sector.sectorSize());
        assertEquals(Abstraction.BTT2, sector.abstraction());
        assertEquals(-1, sector.listedSize(), "the BTT decides");
        NamespacePlan raw = r.planCreate(o().withMode("raw").withSize("16M").withSectorSize("4096"), UUIDS);
        assertEquals(4096, raw.lbaSize());
        assertEquals(0, raw.align());
        assertEquals(Abstraction.NONE, raw.abstraction());
    }

    @Test
    void refusesSizesThatDoNotFitOrAreNotAligned() throws Exception {
        EnabledRegion r = Regions.empty(1L << 30);
        create(r, o().withSize("1008M").withMode("raw"));
        assertEquals("failed to create namespace: No space left on device: region0 has no free extent of 33554432 bytes"
                + " (its largest is 16777216)", refusal(r, o().withSize("32M")));
        EnabledRegion e = Regions.empty(1L << 30);
        assertEquals("region0: align setting is 0x1000000 size 0x1400000 is misaligned: use a multiple of 16M",
                refusal(e, o().withSize("20M")));
        assertEquals("'--size=' must align to interleave-width: 1 and alignment: 1073741824; did you intend"
                + " --size=1024M?", refusal(e, o().withSize("512M").withAlign("1G")));
        assertEquals("'--size=' must align to interleave-width: 1 and alignment: 1073741824; did you intend"
                + " --size=1073741824?", refusal(e, o().withSize("536870912").withAlign("1G")));
        assertTrue(refusal(e, o().withSize("1G").withAlign("1G")).startsWith("unable to satisfy requested alignment"));
        assertEquals("failed to parse namespace size '12Q'", refusal(e, o().withSize("12Q")));
        assertEquals("failed to parse namespace size '-16M'", refusal(e, o().withSize("-16M")));
        assertEquals("failed to parse namespace size '99999999999999999999'",
                refusal(e, o().withSize("99999999999999999999")));
    }

    @Test
    void refusesNamesThatDoNotFitALabel() throws Exception {
        EnabledRegion r = Regions.empty(1L << 30);
        String n63 = "n".repeat(63);
        assertEquals(n63, r.planCreate(o().withSize("16M").withName(n63), UUIDS).name());
        assertEquals("alt name overflow: name '" + "n".repeat(64) + "' is 64 bytes of UTF-8, at most 63 fit in a label",
                refusal(r, o().withSize("16M").withName("n".repeat(64))));
        String accents = "é".repeat(32);
        assertTrue(refusal(r, o().withSize("16M").withName(accents)).contains("is 64 bytes of UTF-8"));
        assertEquals("a namespace name cannot contain NUL", refusal(r, o().withSize("16M").withName("a\0b")));
    }

    @Test
    void refusesModesMapsAndAlignmentsLinuxDoesNotOffer() throws Exception {
        EnabledRegion r = Regions.empty(1L << 30);
        assertEquals("invalid mode 'foo': use raw, sector, fsdax or devdax", refusal(r, o().withMode("foo")));
        assertEquals("invalid map location 'foo': use dev", refusal(r, o().withMap("foo")));
        assertEquals("--map=mem is not supported: this host keeps no page metadata in its memory for a card; use"
                + " --map=dev (the default)", refusal(r, o().withMap("mem")));
        assertEquals("--map only valid for fsdax and devdax namespaces", refusal(r, o().withMode("raw").withMap("dev")));
        assertEquals("align must be a power-of-2 greater than 4096, not '3M'", refusal(r, o().withAlign("3M")));
        assertEquals("unsupported align: 8M (this kernel supports 4K, 2M, 1G)", refusal(r, o().withAlign("8M")));
        assertEquals("raw mode does not support setting an alignment", refusal(r, o().withMode("raw").withAlign("2M")));
        assertEquals("sector mode does not support setting an alignment",
                refusal(r, o().withMode("sector").withAlign("2M")));
        assertEquals("region0: does not support namespace sector_size 1024 (use 512 or 4096)",
                refusal(r, o().withSectorSize("1024")));
        assertEquals("region0: does not support btt sector_size 1000 (use one of [512, 520, 528, 4096, 4104, 4160, 4224])",
                refusal(r, o().withMode("sector").withSectorSize("1000")));
        assertEquals("failed to parse uuid: 'not-a-uuid'", refusal(r, o().withUuid("not-a-uuid")));
        assertEquals("uuid 00000000-0000-0000-0000-000000000000 is nil: a namespace needs a uuid",
                refusal(r, o().withUuid("00000000-0000-0000-0000-000000000000")));
        assertEquals(NamespaceMode.FSDAX, NamespaceMode.parse("Memory"));
        assertEquals(NamespaceMode.SECTOR, NamespaceMode.parse("safe"));
        assertEquals(NamespaceMode.DEVDAX, NamespaceMode.parse("dax"));
    }

    /** linux-peer/recfg.txt and misc1.txt: which uuids Linux lets a new label take. */
    @Test
    void uuidsLinuxHoldsInUse() throws Exception {
        EnabledRegion r = Regions.empty(1L << 30);
        String given = "11111111-2222-3333-4444-555555555555";
        NamespacePlan fs = create(r, o().withSize("64M").withUuid(given));
        assertEquals(UUID.fromString(given), fs.labelUuid());
        assertEquals("uuid " + given + " is in use by namespace0.0 (its label): Linux refuses it (set_uuid failed:"
                + " Invalid argument)", refusal(r, o().withSize("16M").withMode("raw").withUuid(given)));
        String pfn = fs.infoBlock().uuid().toString();
        assertEquals("uuid " + pfn + " is in use by namespace0.0 (its fsdax info block): Linux refuses it (set_uuid"
                + " failed: Invalid argument)", refusal(r, o().withSize("16M").withMode("raw").withUuid(pfn)));
        NamespacePlan dax = create(r, o().withSize("64M").withMode("devdax"));
        NamespacePlan reuse = r.planCreate(o().withSize("16M").withMode("raw").withUuid(dax.infoBlock().uuid().toString()),
                UUIDS);
        assertEquals(dax.infoBlock().uuid(), reuse.labelUuid(), "Linux does not look at devdax info-block uuids");
    }

    @Test
    void reconfigureKeepsWhatIsNotGivenAndRenamesTheLabel() throws Exception {
        EnabledRegion r = Regions.empty(1L << 30);
        NamespacePlan fs = create(r, o().withSize("64M").withName("X"));
        assertEquals("namespace0.0 is active, specify --force for re-configuration", assertThrows(
                NamespaceException.class, () -> r.planReconfigure(0, o().withMode("devdax"), UUIDS))
                .getMessage());
        NamespacePlan dax = r.planReconfigure(0, o().withMode("devdax").forced(), UUIDS);
        assertEquals("X", dax.name());
        assertEquals(64 * MIB, dax.rawSize());
        assertEquals(0, dax.dpa());
        assertTrue(dax.clearInfoBlock());
        assertFalse(dax.labelUuid().equals(fs.labelUuid()), "a new label uuid, as ndctl generates one");
        assertEquals(2 * MIB, dax.align());
        String own = fs.labelUuid().toString();
        assertTrue(assertThrows(NamespaceException.class, () -> r.planReconfigure(0, o().withUuid(own).forced(),
                UUIDS)).getMessage().startsWith("namespace0.0: uuid " + own + " is in use by namespace0.0"));
        NamespacePlan same = r.planReconfigure(0, o().forced(), UUIDS);
        assertEquals(NamespaceMode.FSDAX, same.mode(), "the current mode");
        assertEquals(2 * MIB, same.align(), "the current alignment");
        create(r, o().withSize("64M").withMode("raw"));
        NamespaceException grow = assertThrows(NamespaceException.class, () -> r.planReconfigure(0,
                o().withSize("128M").forced(), UUIDS));
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
        create(r, o().withMode("raw").withSize("16M"));
        assertEquals("unable to satisfy requested alignment: a 1073741824-byte namespace at 0x1000000 aligned to"
                + " 1073741824 keeps no data after 1056964608 bytes of metadata and 16777216 cut from its end",
                refusal(r, o().withSize("1G").withAlign("1G")));
        assertEquals(1L << 30, r.planCreate(o().withSize("2G").withAlign("1G"), UUIDS).listedSize());
    }

    @Test
    void aLabelLessRegionIsNotDivided() throws Exception {
        EnabledRegion r = Regions.labelLess(1L << 30);
        assertEquals("Legacy / label-less namespaces do not support sub-dividing a region: retry without -s/--size=,"
                + " or run init-labels to give the region labels", refusal(r, o().withSize("64M")));
        assertTrue(refusal(r, o().withMode("fsdax")).startsWith("failed to create namespace: No space left on device:"
                + " the label-less namespace0.0 spans region0"));
        NamespacePlan p = r.planReconfigure(0, o().withMode("fsdax").forced().withoutAutolabel(), UUIDS);
        assertEquals(null, p.labelUuid());
        assertEquals(UuidBytes.NIL, p.infoBlock().parentUuid());
        assertEquals(1054867456, p.listedSize());
        NamespacePlan auto = r.planReconfigure(0, o().withMode("fsdax").forced(), UUIDS);
        assertTrue(auto.initLabels(), "ndctl's autolabel");
        assertEquals(1L << 30, auto.rawSize());
        assertEquals("a label-less namespace has no label to keep a name: run init-labels first", assertThrows(
                NamespaceException.class, () -> r.planReconfigure(0, o().withName("x").forced().withoutAutolabel(),
                        UUIDS)).getMessage());
    }
}
