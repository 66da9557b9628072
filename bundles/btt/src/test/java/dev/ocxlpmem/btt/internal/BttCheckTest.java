package dev.ocxlpmem.btt.internal;

import static dev.ocxlpmem.btt.internal.BttFiles.BTT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttCheckResult;
import dev.ocxlpmem.btt.BttException;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttProblem.Kind;
import dev.ocxlpmem.btt.BttProblem;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/**
 * check-namespace on damaged BTTs: each damage is reported as its own record, nothing is written
 * without repair, repair fixes what ndctl's checker fixes and nothing else, and open refuses
 * what does not verify, saying why.
 */
class BttCheckTest {
    static final long MIB = 1L << 20;
    static final UUID UUID_ = UUID.fromString("895831c4-dbc9-48d7-a158-59b59cfbfd6e");
    static final UUID PARENT = UUID.fromString("e6104888-428b-48a5-9e6a-d8ae69038adb");

    @TempDir(factory = BttFiles.Shm.class)
    Path dir;

    Mapping ns;
    BttInfo info;

    @BeforeEach
    void format() throws Exception {
        ns = BttFiles.namespace(dir, "ns.img", 17 * MIB);
        try (Btt btt = BTT.format(ns, new BttSpec(UUID_, PARENT, 4096, BttVersion.V2_0))) {
            for (int lba = 0; lba < 40; lba++) {
                btt.write(lba % 13, BttReadWriteTest.pattern(lba % 13, lba, 4096), 0, 4096);
            }
            info = btt.arenas().get(0);
        }
        assertEquals(List.of(), BTT.check(ns, PARENT, false).problems());
    }

    /** Checks without repair: nothing written; the problems as found. */
    List<BttProblem> problems() {
        byte[] before = BttFiles.bytes(ns, 0, (int) ns.size());
        BttCheckResult r = BTT.check(ns, PARENT, false);
        assertArrayEquals(before, BttFiles.bytes(ns, 0, (int) ns.size()), "a check without repair writes nothing");
        assertEquals(List.of(), r.repaired());
        return r.problems();
    }

    BttException refused() {
        byte[] before = BttFiles.bytes(ns, 0, (int) ns.size());
        BttException e = assertThrows(BttException.class, () -> BTT.open(ns, PARENT, BttVersion.V2_0));
        assertArrayEquals(before, BttFiles.bytes(ns, 0, (int) ns.size()), "a refused open writes nothing");
        return e;
    }

    /** Rewrites the info block and its backup with a field changed and the checksum recomputed. */
    void editInfo(Consumer<ByteBuffer> edit) {
        byte[] b = BttFiles.bytes(ns, 0, 4096);
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        edit.accept(buf);
        buf.putLong(BttInfoBlock.CHECKSUM, BttInfoBlock.checksum(b));
        ns.put(0, b, 0, 4096);
        ns.put(info.info2Off(), b, 0, 4096);
    }

    long lane(int lane) {
        return info.logOff() + lane * 64L;
    }

    static BttProblem only(List<BttProblem> problems) {
        assertEquals(1, problems.size(), problems.toString());
        return problems.get(0);
    }

    @Test
    void primaryInfoBlockRestoredFromItsBackup() throws Exception {
        ns.putByte(2000, (byte) 1);
        BttProblem p = only(problems());
        assertEquals(Kind.INFO_BLOCK_INVALID, p.kind());
        assertEquals(0, p.arena());
        assertEquals(0, p.offset());
        assertTrue(p.repairable());
        assertEquals("arena 0: the namespace's first BTT info block at offset 0x0 is not valid; its backup at 0x10ff000 "
                + "is: repair copies it over", p.message());
        BttException e = refused();
        assertTrue(e.getMessage().startsWith("the BTT 2.0 of namespace " + PARENT + " does not verify: arena 0: the "
                + "BTT 2.0 info block at offset 0x0 is not valid: its checksum 0x"), e.getMessage());
        assertTrue(e.getMessage().endsWith("; its backup at 0x10ff000 is: check-namespace --repair restores it"));
        BttCheckResult repaired = BTT.check(ns, PARENT, true);
        assertEquals(List.of(), repaired.problems());
        assertEquals(List.of(Kind.INFO_BLOCK_INVALID), repaired.repaired().stream().map(BttProblem::kind).toList());
        assertArrayEquals(BttFiles.bytes(ns, info.info2Off(), 4096), BttFiles.bytes(ns, 0, 4096));
        try (Btt btt = BTT.open(ns, PARENT, BttVersion.V2_0)) {
            byte[] b = new byte[4096];
            btt.read(12, b, 0, 4096);
            assertArrayEquals(BttReadWriteTest.pattern(12, 38, 4096), b);
        }
    }

    @Test
    void backupInfoBlockRewrittenFromThePrimary() throws Exception {
        ns.putByte(info.info2Off() + 100, (byte) 0x42);
        BttProblem p = only(problems());
        assertEquals(Kind.INFO2_MISMATCH, p.kind());
        assertEquals(info.info2Off(), p.offset());
        assertTrue(p.repairable());
        assertTrue(refused().getMessage().contains("the backup info block at offset 0x10ff000 differs from the primary"));
        BttCheckResult r = BTT.check(ns, PARENT, true);
        assertEquals(List.of(), r.problems());
        assertEquals(1, r.repaired().size());
        assertArrayEquals(BttFiles.bytes(ns, 0, 4096), BttFiles.bytes(ns, info.info2Off(), 4096));
        BTT.open(ns, PARENT, BttVersion.V2_0).close();
    }

    @Test
    void mapEntryOutOfRangeIsNotRepaired() throws Exception {
        ns.putInt(info.mapOff() + 5 * 4, BttMapEntry.normal(0x3fff0000));
        BttProblem p = only(problems());
        assertEquals(Kind.MAP_RANGE, p.kind());
        assertEquals(5, p.index());
        assertEquals(info.mapOff() + 20, p.offset());
        assertEquals(0xffff0000L, p.value());
        assertEquals("arena 0: the map entry of LBA 0x5 names block 0x3fff0000, past the arena's 4340", p.message());
        refused();
        byte[] before = BttFiles.bytes(ns, 0, (int) ns.size());
        BttCheckResult r = BTT.check(ns, PARENT, true);
        assertEquals(List.of(p), r.problems());
        assertArrayEquals(before, BttFiles.bytes(ns, 0, (int) ns.size()), "repair leaves what it cannot fix alone");
    }

    @Test
    void blockNamedTwiceAndOrphan() throws Exception {
        int block = ns.getInt(info.mapOff() + 3 * 4) & BttMapEntry.BLOCK_MASK;
        int orphan = ns.getInt(info.mapOff() + 4 * 4) & BttMapEntry.BLOCK_MASK;
        ns.putInt(info.mapOff() + 4 * 4, BttMapEntry.normal(block));
        List<BttProblem> problems = problems();
        assertEquals(List.of(Kind.BLOCK_TWICE, Kind.BLOCK_UNREFERENCED), problems.stream().map(BttProblem::kind)
                .toList());
        assertEquals(block, problems.get(0).index());
        assertEquals("arena 0: internal block " + ArenaReader.hex(block) + " is both the map entry of LBA 0x3 and the map "
                + "entry of LBA 0x4", problems.get(0).message());
        assertEquals(orphan, problems.get(1).index());
        assertEquals(info.dataOff() + (long) orphan * 4096, problems.get(1).offset());
        refused();
    }

    @Test
    void logSequenceNumbers() throws Exception {
        int lane = (int) (Thread.currentThread().getId() % 256);
        ns.putInt(lane(lane) + 12, ns.getInt(lane(lane) + 16 + 12));
        ns.putInt(lane(7) + 12, 7);
        List<BttProblem> problems = problems();
        assertEquals(2, problems.size(), problems.toString());
        BttProblem equal = problems.stream().filter(p -> p.kind() == Kind.LOG_EQUAL_SEQ).findFirst().orElseThrow();
        assertEquals(lane, equal.index());
        assertEquals(lane(lane), equal.offset());
        BttProblem range = problems.stream().filter(p -> p.kind() == Kind.LOG_SEQ_RANGE).findFirst().orElseThrow();
        assertEquals(7, range.index());
        assertEquals(7, range.value());
        assertEquals("arena 0: lane 7: log sequence number 7 is not 0 to 3", range.message());
        refused();
    }

    @Test
    void logEntriesOutOfRange() throws Exception {
        ns.putInt(lane(9), 5000);
        ns.putInt(lane(10) + 4, 4340);
        ns.putInt(lane(11) + 8, -1 & BttMapEntry.BLOCK_MASK);
        List<BttProblem> problems = problems();
        assertEquals(List.of(Kind.LOG_LBA_RANGE, Kind.LOG_OLD_RANGE, Kind.LOG_NEW_RANGE), problems.stream()
                .map(BttProblem::kind).toList());
        assertEquals(List.of(9L, 10L, 11L), problems.stream().map(BttProblem::index).toList());
        assertEquals("arena 0: lane 9: the current log entry names LBA 0x1388, past the arena's 4084",
                problems.get(0).message());
        refused();
    }

    @Test
    void logPadding() throws Exception {
        ns.putInt(lane(200) + 48, 1);
        BttProblem p = only(problems());
        assertEquals(Kind.LOG_PADDING, p.kind());
        assertEquals(info.logOff(), p.offset());
        refused();
    }

    @Test
    void geometryErrorFlagAndVersion() throws Exception {
        editInfo(b -> b.putInt(BttInfoBlock.EXTERNAL_NLBA, 5000));
        BttProblem p = only(problems());
        assertEquals(Kind.INFO_BLOCK_GEOMETRY, p.kind());
        assertEquals("arena 0: the info block at offset 0x0 does not describe an arena that fits: internal_nlba 4340 is "
                + "not external_nlba 5000 plus nfree 256", p.message());
        refused();
        editInfo(b -> b.putInt(BttInfoBlock.EXTERNAL_NLBA, 4084).putLong(BttInfoBlock.MAPOFF, 0x1000));
        assertEquals(Kind.INFO_BLOCK_GEOMETRY, only(problems()).kind());
        editInfo(b -> b.putLong(BttInfoBlock.MAPOFF, info.mapOff()).putInt(BttInfoBlock.FLAGS, 1));
        assertEquals(Kind.INFO_BLOCK_ERROR_FLAG, only(problems()).kind());
        editInfo(b -> b.putInt(BttInfoBlock.FLAGS, 0).putShort(BttInfoBlock.VERSION_MAJOR, (short) 1)
                .putShort(BttInfoBlock.VERSION_MINOR, (short) 1));
        BttProblem version = only(problems());
        assertEquals(Kind.INFO_BLOCK_VERSION, version.kind());
        assertEquals(1L << 16 | 1, version.value());
        refused();
        editInfo(b -> b.putShort(BttInfoBlock.VERSION_MAJOR, (short) 2).putShort(BttInfoBlock.VERSION_MINOR, (short) 0));
        assertEquals(List.of(), problems());
    }

    @Test
    void anotherNamespacesBttIsNoBtt() throws Exception {
        BttCheckResult r = BTT.check(ns, UUID.randomUUID(), false);
        assertEquals(Kind.NO_BTT, only(r.problems()).kind());
        assertEquals(null, r.version());
        assertEquals(0, r.arenas());
        ns.fill(0, 4096, (byte) 0);
        ns.fill(info.info2Off(), 4096, (byte) 0);
        assertEquals(Kind.NO_BTT, only(problems()).kind());
    }

    /**
     * A write interrupted after its log entry: check reports it (repairable) and counts the pending
     * map update as done for the block check; open finishes it, as Linux does at enable; repair
     * does the same.
     */
    @Test
    void interruptedWrite() throws Exception {
        byte[] image = BttFiles.bytes(ns, 0, (int) ns.size());
        RecordingMapping recorder = new RecordingMapping(ns);
        try (Btt btt = BTT.open(recorder, PARENT, BttVersion.V2_0)) {
            recorder.clear();
            btt.write(20, BttReadWriteTest.pattern(20, 1, 4096), 0, 4096);
        }
        List<RecordingMapping.Event> events = recorder.events();
        RecordingMapping.Event mapWrite = events.get(events.size() - 2);
        assertEquals(info.mapOff() + 20 * 4, mapWrite.offset(), "the map entry is written last");
        ns.put(mapWrite.offset(), mapWrite.before(), 0, 4);
        BttProblem p = only(problems());
        assertEquals(Kind.INTERRUPTED_WRITE, p.kind());
        assertEquals(20, p.index());
        assertEquals(20, p.value(), "the map still names the old block, the identity");
        assertTrue(p.repairable());
        assertTrue(p.message().startsWith("arena 0: lane "), p.message());
        assertTrue(p.message().endsWith(": a write of LBA 0x14 was interrupted after its log entry: the map still names "
                + "the old block 0x14, the log the new block " + ArenaReader.hex(mapWrite.data()[0] & 0xff
                | (mapWrite.data()[1] & 0xff) << 8) + "; repair updates the map entry"), p.message());
        byte[] interrupted = BttFiles.bytes(ns, 0, (int) ns.size());
        BttCheckResult r = BTT.check(ns, PARENT, true);
        assertEquals(List.of(), r.problems());
        assertEquals(List.of(Kind.INTERRUPTED_WRITE), r.repaired().stream().map(BttProblem::kind).toList());
        byte[] repaired = BttFiles.bytes(ns, 0, (int) ns.size());
        ns.put(0, interrupted, 0, interrupted.length);
        try (Btt btt = BTT.open(ns, PARENT, BttVersion.V2_0)) {
            byte[] b = new byte[4096];
            btt.read(20, b, 0, 4096);
            assertArrayEquals(BttReadWriteTest.pattern(20, 1, 4096), b);
        }
        assertArrayEquals(repaired, BttFiles.bytes(ns, 0, (int) ns.size()), "open and repair finish it alike");
        assertTrue(image.length > 0);
    }

    /** A fault under the metadata (here: the file truncated under the mapping) is a problem, not a crash. */
    @Test
    void mediaErrorInTheMetadata() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("ns.img").toFile(), "rw")) {
            f.setLength(8 * MIB);
        }
        BttCheckResult r = BTT.check(ns, PARENT, false);
        BttProblem p = only(r.problems());
        assertEquals(Kind.MEDIA_ERROR, p.kind());
        BttException e = assertThrows(BttException.class, () -> BTT.open(ns, PARENT, BttVersion.V2_0));
        assertTrue(e.getMessage().contains("a media error at offset"), e.getMessage());
    }
}
