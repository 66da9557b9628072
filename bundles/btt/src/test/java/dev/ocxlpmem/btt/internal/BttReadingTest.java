package dev.ocxlpmem.btt.internal;

import static dev.ocxlpmem.btt.internal.BttFiles.BTT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttProblem;
import dev.ocxlpmem.btt.BttProblem.Kind;
import dev.ocxlpmem.btt.BttReading;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;

/**
 * A BTT read once and opened from what was read ({@link BttReading}), as a sector namespace is
 * enabled: its probe reads and verifies, its open does not read the map again. The map's bytes are
 * counted where they are read, on a real mapping of a real file.
 */
class BttReadingTest {
    static final long MIB = 1L << 20;
    static final UUID PARENT = UUID.fromString("a3c1e2f0-5b7d-4e8a-9c1b-2d3e4f5a6b7c");

    @TempDir(factory = BttFiles.Shm.class)
    Path dir;

    Mapping file;
    BttInfo arena;

    @BeforeEach
    void format() throws Exception {
        file = BttFiles.namespace(dir, "ns.img", 32 * MIB);
        try (Btt btt = BTT.format(file, new BttSpec(UUID.randomUUID(), PARENT, 512, BttVersion.V2_0))) {
            for (int lba = 0; lba < 100; lba++) {
                btt.write(lba, BttReadWriteTest.pattern(lba, 1, 512), 0, 512);
            }
            arena = btt.arenas().get(0);
        }
    }

    long mapAt() {
        return arena.offset() + arena.mapOff();
    }

    long mapBytes() {
        return arena.externalNlba() * BttMapEntry.SIZE;
    }

    static void assertSectors(Btt btt, int count) {
        byte[] b = new byte[512];
        for (int lba = 0; lba < count; lba++) {
            btt.read(lba, b, 0, 512);
            assertArrayEquals(BttReadWriteTest.pattern(lba, 1, 512), b, "sector " + lba);
        }
    }

    @Test
    void readsTheMapOnceAndOpensWithoutReadingItAgain() throws Exception {
        RecordingMapping ns = new RecordingMapping(file);
        ns.countReads(mapAt(), mapAt() + mapBytes());
        BttReading reading = BTT.read(ns, PARENT, BttVersion.V2_0);
        assertEquals(mapBytes(), ns.readBytes(), "reading reads every map entry once");
        assertTrue(reading.opens());
        assertEquals(List.of(), reading.problems());
        assertEquals(List.of(arena), reading.arenas());
        assertEquals(BttVersion.V2_0, reading.version());

        ns.countReads(mapAt(), mapAt() + mapBytes());
        try (Btt btt = reading.open(ns)) {
            assertEquals(0, ns.readBytes(), "opening from the reading reads no map entry again");
            assertSectors(btt, 100);
        }
        IllegalStateException again = assertThrows(IllegalStateException.class, () -> reading.open(ns));
        assertTrue(again.getMessage().contains("was opened from this reading already"), again.getMessage());
    }

    /**
     * Read through one mapping, opened on a second mapping of the same bytes (as a namespace's
     * probe reads through the region's mapping and its BTT runs on the namespace's own): the
     * recovery of an interrupted write lands in the file, later writes too, and closing the second
     * mapping takes the BTT away without touching the first.
     */
    @Test
    void opensOnASecondMappingOfTheSameBytes() throws Exception {
        RecordingMapping recorder = new RecordingMapping(file);
        try (Btt btt = BTT.open(recorder, PARENT, BttVersion.V2_0)) {
            recorder.clear();
            btt.write(20, BttReadWriteTest.pattern(20, 2, 512), 0, 512);
        }
        List<RecordingMapping.Event> events = recorder.events();
        RecordingMapping.Event mapWrite = events.get(events.size() - 2);
        assertEquals(mapAt() + 20 * BttMapEntry.SIZE, mapWrite.offset(), "the map entry is written last");
        file.put(mapWrite.offset(), mapWrite.before(), 0, BttMapEntry.SIZE); // the write cut before its map entry

        byte[] before = BttFiles.bytes(file, 0, (int) file.size());
        BttReading reading = BTT.read(file, PARENT, BttVersion.V2_0);
        assertArrayEquals(before, BttFiles.bytes(file, 0, (int) file.size()), "reading writes nothing");
        assertEquals(List.of(Kind.INTERRUPTED_WRITE), reading.problems().stream().map(BttProblem::kind).toList());
        assertTrue(reading.opens(), "open finishes an interrupted write");

        Mapping second = file.mapAgain(0, file.size(), "second");
        Btt btt = reading.open(second);
        assertArrayEquals(mapWrite.data(), BttFiles.bytes(file, mapWrite.offset(), BttMapEntry.SIZE),
                "the recovery finished the map entry, seen through the first mapping");
        byte[] b = new byte[512];
        btt.read(20, b, 0, 512);
        assertArrayEquals(BttReadWriteTest.pattern(20, 2, 512), b);
        btt.write(21, BttReadWriteTest.pattern(21, 3, 512), 0, 512);
        second.close();
        assertThrows(MappingClosedException.class, () -> btt.read(0, new byte[512], 0, 512));
        assertEquals(List.of(), BTT.check(file, PARENT, false).problems());
        try (Btt again = BTT.open(file, PARENT, BttVersion.V2_0)) {
            again.read(21, b, 0, 512);
            assertArrayEquals(BttReadWriteTest.pattern(21, 3, 512), b);
        }
    }

    @Test
    void aReadingThatDoesNotVerifyRefusesToOpenAndWritesNothing() throws Exception {
        file.putInt(mapAt() + 7 * BttMapEntry.SIZE, BttMapEntry.normal((int) arena.internalNlba() + 5));
        BttReading reading = BTT.read(file, PARENT, BttVersion.V2_0);
        assertFalse(reading.opens());
        assertEquals(List.of(Kind.MAP_RANGE), reading.problems().stream().map(BttProblem::kind).toList());
        assertEquals(List.of(arena), reading.arenas(), "the arena whose map is at fault is listed");
        byte[] before = BttFiles.bytes(file, 0, (int) file.size());
        BttException e = assertThrows(BttException.class, () -> reading.open(file));
        assertEquals(reading.problems(), e.problems());
        assertEquals("the BTT 2.0 of namespace " + PARENT + " does not verify: arena 0: the map entry of LBA 0x7 names"
                + " block " + ArenaReader.hex(arena.internalNlba() + 5) + ", past the arena's " + arena.internalNlba(),
                e.getMessage());
        assertEquals(e.getMessage(), assertThrows(BttException.class,
                () -> BTT.open(file, PARENT, BttVersion.V2_0)).getMessage(), "the driver's open says the same");
        assertArrayEquals(before, BttFiles.bytes(file, 0, (int) file.size()), "a refused open writes nothing");
    }

    @Test
    void aFirstInfoBlockElsewhereIsNoBttToOpen() throws Exception {
        BttReading reading = BTT.read(file, PARENT, BttVersion.V1_1);
        assertFalse(reading.opens());
        assertEquals(List.of(), reading.arenas());
        assertEquals(Kind.INFO_BLOCK_INVALID, reading.problems().get(0).kind());
        assertThrows(BttException.class, () -> reading.open(file));
    }

    @Test
    void opensOnlyOnAMappingOfTheSizeRead() throws Exception {
        BttReading reading = BTT.read(file, PARENT, BttVersion.V2_0);
        try (Mapping smaller = file.mapAgain(0, 16 * MIB, "smaller")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> reading.open(smaller));
            assertTrue(e.getMessage().contains("was read from " + 32 * MIB + " bytes"), e.getMessage());
        }
        try (Btt btt = reading.open(file)) {
            assertSectors(btt, 100);
        }
    }
}
