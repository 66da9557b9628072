package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.IndexBlock;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Label areas Linux 6.1 / ndctl 76 wrote (src/test/resources/linux-labels/README.md), read through
 * a real bus from a real file mapping: exactly what the README lists, clean, and written back byte
 * for byte. And the converse: the same operations through this store write the same bytes.
 */
class LinuxFixturesTest {
    static final long COOKIE_V11 = 0x2468ac00123456L;
    static final long COOKIE_V12 = 0xba90120012b4dcL;
    static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    static byte[] fixture(String name) throws IOException {
        try (InputStream in = LinuxFixturesTest.class.getResourceAsStream("/linux-labels/" + name)) {
            return in.readAllBytes();
        }
    }

    /** The fixture in a file, mapped by the memory bundle's provider, as a card's label area is. */
    OneDimmBus onFile(String name, long cookie) throws IOException {
        byte[] bytes = fixture(name);
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return new OneDimmBus(InMemoryDimm.onMapping(MmapMemory.provider().map(file, 0, bytes.length), 64 * 1024),
                cookie);
    }

    @Test
    void v11ReadsAsTheReadmeSays() throws Exception {
        try (OneDimmBus t = onFile("v1.1-128K-raw-fsdax.bin", COOKIE_V11)) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            LabelReading r = store.read(t.dimm());
            assertEquals(LabelVersion.V1_1, r.version());
            assertEquals(131072, r.configSize());
            IndexBlock b0 = r.indexBlocks().get(0);
            IndexBlock b1 = r.indexBlocks().get(1);
            assertEquals(256, b0.size());
            assertEquals(0x0, b0.offset());
            assertEquals(0x100, b1.offset());
            assertEquals(0x200, b0.labeloff());
            assertEquals(1020, b0.nslot());
            assertEquals(1, b0.seq());
            assertEquals(3, b1.seq());
            assertTrue(b0.valid() && b1.valid());
            assertEquals("NAMESPACE_INDEX", b0.signature());
            assertEquals(128, b0.labelSize());
            assertEquals(0, r.current());
            assertEquals(1020, r.nslot());
            assertEquals(1018, r.freeSlots());

            assertEquals(2, r.labels().size(), "slot 0's stale UPDATING label is not a namespace");
            NamespaceLabel raw = r.labels().get(0);
            assertEquals(1, raw.slot());
            assertEquals(UUID.fromString("5cb95d3a-e100-41e8-9ef9-8cd0dd4b25d3"), raw.uuid());
            assertEquals("", raw.name());
            assertEquals(0, raw.dpa());
            assertEquals(64 * MIB, raw.rawSize());
            NamespaceLabel named = r.labels().get(1);
            assertEquals(2, named.slot());
            assertEquals(UUID.fromString("2deb6583-a110-4589-acb5-5af1b3f89986"), named.uuid());
            assertEquals("myname", named.name());
            assertEquals(0x4000000, named.dpa());
            assertEquals(128 * MIB, named.rawSize());
            for (NamespaceLabel l : r.labels()) {
                assertEquals(0, l.flags());
                assertEquals(1, l.nlabel());
                assertEquals(0, l.position());
                assertEquals(512, l.lbaSize());
                assertEquals(COOKIE_V11, l.isetCookie());
                assertNull(l.typeGuid(), "v1.1 labels carry no type GUID");
            }
            assertEquals(List.of(), r.problems());
            assertEquals(List.of(), store.check(t.dimm()));
        }
    }

    @Test
    void v12ReadsAsTheReadmeSays() throws Exception {
        try (OneDimmBus t = onFile("v1.2-256K-raw.bin", COOKIE_V12)) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            LabelReading r = store.read(t.dimm());
            assertEquals(LabelVersion.V1_2, r.version());
            IndexBlock b0 = r.indexBlocks().get(0);
            IndexBlock b1 = r.indexBlocks().get(1);
            assertEquals(256, b0.size());
            assertEquals(0x200, b0.labeloff());
            assertEquals(256, b0.labelSize());
            assertEquals(1022, b0.nslot());
            assertEquals(2, b0.seq());
            assertEquals(1, b1.seq());
            assertEquals(0, r.current());
            assertEquals(1021, r.freeSlots());
            assertEquals(1, r.labels().size());
            NamespaceLabel l = r.labels().get(0);
            assertEquals(1, l.slot());
            assertEquals(UUID.fromString("cfd44b9f-a5fd-4aac-914c-cd143d151938"), l.uuid());
            assertEquals("", l.name());
            assertEquals(0, l.dpa());
            assertEquals(32 * MIB, l.rawSize());
            assertEquals(COOKIE_V12, l.isetCookie());
            assertEquals(NamespaceLabel.PMEM_TYPE_GUID, l.typeGuid());
            assertEquals(Abstraction.NONE, l.abstraction().orElseThrow());
            assertEquals(0, l.flags());
            assertEquals(List.of(), store.check(t.dimm()));
        }
    }

    @Test
    void fixturesWrittenThroughTheStoreReadBackByteIdentical() throws Exception {
        for (String name : List.of("v1.1-128K-raw-fsdax.bin", "v1.2-256K-raw.bin")) {
            byte[] bytes = fixture(name);
            Path file = dir.resolve("blank-" + name);
            Files.write(file, new byte[bytes.length]);
            try (OneDimmBus t = new OneDimmBus(InMemoryDimm.onMapping(MmapMemory.provider().map(file, 0,
                    bytes.length), 64 * 1024), name.contains("1.1") ? COOKIE_V11 : COOKIE_V12).disabled()) {
                ConfigDataLabelStore store = new ConfigDataLabelStore();
                store.write(t.dimm(), bytes);
                assertArrayEquals(bytes, store.readArea(t.dimm()), name);
                assertArrayEquals(bytes, Files.readAllBytes(file), name + " on the file itself");
                assertEquals(List.of(), store.check(t.dimm()), name);
            }
        }
    }

    /** init-labels then Linux's two creates, through this store: Linux's bytes exactly. */
    @Test
    void theSameOperationsWriteLinuxsBytes() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 64 * 1024, COOKIE_V11).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.init(t.dimm(), LabelVersion.V1_1, false);
            t.region().enable(); // namespaces are created on an enabled region, by its driver
            store.create(t.labelOwner(), NamespaceSpec.raw(UUID.fromString("5cb95d3a-e100-41e8-9ef9-8cd0dd4b25d3"), "",
                    0, 64 * MIB));
            store.create(t.labelOwner(), NamespaceSpec.raw(UUID.fromString("2deb6583-a110-4589-acb5-5af1b3f89986"),
                    "myname", 64 * MIB, 128 * MIB));
            assertArrayEquals(fixture("v1.1-128K-raw-fsdax.bin"), store.readArea(t.dimm()));
        }
        try (OneDimmBus t = OneDimmBus.blank(262144, 64 * 1024, COOKIE_V12).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.init(t.dimm(), LabelVersion.V1_2, false);
            store.create(t.dimm(), NamespaceSpec.raw(UUID.fromString("cfd44b9f-a5fd-4aac-914c-cd143d151938"), "", 0,
                    32 * MIB));
            byte[] expected = fixture("v1.2-256K-raw.bin");
            byte[] actual = store.readArea(t.dimm());
            assertArrayEquals(expected, actual);
        }
    }

    @Test
    void readersTrustTheBitmapNotStaleSlots() throws Exception {
        byte[] bytes = fixture("v1.1-128K-raw-fsdax.bin");
        NamespaceLabel stale = LabelCodec.decode(bytes, 0x200, LabelVersion.V1_1, 0);
        assertTrue(stale.updating());
        assertEquals("myname", stale.name());
        ParsedArea p = AreaParser.parse("nmem0", bytes, null);
        assertFalse(p.reading().labels().stream().anyMatch(NamespaceLabel::updating));
    }

    /** A damaged current index block: read, as Linux reads it, from the generation before, and said so. */
    @Test
    void aDamagedCurrentBlockFallsBackAGenerationAsLinuxDoes() throws Exception {
        try (OneDimmBus t = onFile("v1.2-128K-current-damaged.bin", COOKIE_V12)) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            LabelReading r = store.read(t.dimm());
            assertEquals(1, r.current());
            assertEquals(Set.of(UUID.fromString("48de77a9-5d7c-4509-a912-169157ac6ec1"),
                    UUID.fromString("e377108c-4bbb-405e-98dc-00ce2271afe4")),
                    r.labels().stream().map(NamespaceLabel::uuid).collect(java.util.stream.Collectors.toSet()));
            LabelProblem fellBack = r.problems().stream().filter(p -> p.field().equals("generation")).findFirst()
                    .orElseThrow();
            assertEquals("warning: index block 0: generation: expected index block 0 current (its seq 1 follows 3), "
                    + "found it is damaged, so the area fell back one generation, to index block 1 (seq 3), as Linux "
                    + "reads it", fellBack.toString());
            assertTrue(r.isValid(), "Linux verifies it: check-labels passes");
        }
    }
}
