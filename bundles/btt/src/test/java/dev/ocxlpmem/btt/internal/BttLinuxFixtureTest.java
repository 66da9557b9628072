package dev.ocxlpmem.btt.internal;

import static dev.ocxlpmem.btt.internal.BttFiles.BTT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.btt.Btt;
import dev.ocxlpmem.btt.BttCheckResult;
import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttSpec;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;

/**
 * The sector namespace Linux 6.1 made ({@code ndctl create-namespace -m sector -s 64M -l 4096},
 * then sector 3 written through {@code /dev/pmem0.2s}; linux-btt/README.md), read from its file
 * through a real mapping.
 */
class BttLinuxFixtureTest {

    @TempDir(factory = BttFiles.Shm.class)
    Path dir;

    static Mapping fixture() throws Exception {
        return BttFiles.map(BttFiles.fixture(), 0, BttFiles.FIXTURE_SIZE);
    }

    @Test
    void opensAsLinuxListsItAndReadsSectorThree() throws Exception {
        try (Mapping ns = fixture(); Btt btt = BTT.open(ns, BttFiles.FIXTURE_PARENT, BttVersion.V2_0)) {
            assertEquals(BttFiles.FIXTURE_BTT_UUID, btt.uuid(), "ndctl list's uuid of namespace0.2");
            assertEquals(BttFiles.FIXTURE_PARENT, btt.parentUuid(), "the label's uuid, raw_uuid");
            assertEquals(65966080L, btt.size(), "ndctl list's size");
            assertEquals(4096, btt.sectorSize());
            assertEquals(4096, btt.lbaSize());
            assertEquals(16105, btt.sectorCount());
            byte[] expected = new byte[4096];
            byte[] text = "sector-three-of-sectorns".getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(text, 0, expected, 0, text.length);
            byte[] sector = new byte[4096];
            btt.read(3, sector, 0, sector.length);
            assertArrayEquals(expected, sector);
            byte[] zeros = new byte[4096];
            for (long lba : new long[] {0, 2, 4, 16104}) {
                btt.read(lba, sector, 0, sector.length);
                assertArrayEquals(zeros, sector, "sector " + lba + " was never written");
            }
        }
    }

    @Test
    void infoBlockHasTheFieldsOfBttH() throws Exception {
        try (Mapping ns = fixture()) {
            BttInfo info = BTT.readInfoBlock(ns, BttVersion.V2_0).orElseThrow();
            assertEquals("BTT_ARENA_INFO", info.signature());
            assertEquals(BttFiles.FIXTURE_BTT_UUID, info.uuid());
            assertEquals(BttFiles.FIXTURE_PARENT, info.parentUuid());
            assertEquals(BttVersion.V2_0, info.version());
            assertEquals(0, info.flags());
            assertEquals(4096, info.externalLbaSize());
            assertEquals(16105, info.externalNlba());
            assertEquals(4096, info.internalLbaSize());
            assertEquals(16361, info.internalNlba());
            assertEquals(256, info.nfree());
            assertEquals(4096, info.infoSize());
            assertEquals(0, info.nextOff());
            assertEquals(0x1000, info.dataOff());
            assertEquals(0x3feb000, info.mapOff());
            assertEquals(0x3ffb000, info.logOff());
            assertEquals(0x3fff000, info.info2Off());
            assertTrue(info.checksumValid());
            assertTrue(BTT.readInfoBlock(ns, BttVersion.V1_1).isEmpty(), "no BTT 1.1 at 4 KiB");
        }
    }

    @Test
    void checksClean() throws Exception {
        try (Mapping ns = fixture()) {
            byte[] before = BttFiles.bytes(ns, 0x3feb000, 0x15000);
            BttCheckResult r = BTT.check(ns, BttFiles.FIXTURE_PARENT, false);
            assertEquals(List.of(), r.problems());
            assertEquals(BttVersion.V2_0, r.version());
            assertEquals(1, r.arenas());
            assertArrayEquals(before, BttFiles.bytes(ns, 0x3feb000, 0x15000), "a check writes nothing");
        }
    }

    /**
     * Formatting the same namespace with the same UUIDs writes Linux's bytes: both info blocks,
     * the map and the log, except for the one write Linux made since (sector 3, through lane 1).
     */
    @Test
    void formatWritesLinuxsLayout() throws Exception {
        try (Mapping linux = fixture(); Mapping ours = BttFiles.namespace(dir, "ns.img", BttFiles.FIXTURE_SIZE);
                Btt btt = BTT.format(ours, new BttSpec(BttFiles.FIXTURE_BTT_UUID, BttFiles.FIXTURE_PARENT, 4096,
                        BttVersion.V2_0))) {
            assertEquals(65966080L, btt.size());
            assertArrayEquals(BttFiles.bytes(linux, 0, 4096), BttFiles.bytes(ours, 0, 4096), "info block");
            assertArrayEquals(BttFiles.bytes(linux, 0x3fff000, 4096), BttFiles.bytes(ours, 0x3fff000, 4096),
                    "backup info block");
            byte[] linuxMap = BttFiles.bytes(linux, 0x3feb000, 0x10000);
            byte[] ourMap = BttFiles.bytes(ours, 0x3feb000, 0x10000);
            assertEquals(0xc0003eea, java.nio.ByteBuffer.wrap(linuxMap).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getInt(12), "Linux mapped sector 3 to lane 1's free block 16106");
            Arrays.fill(linuxMap, 12, 16, (byte) 0);
            assertArrayEquals(linuxMap, ourMap, "map");
            byte[] linuxLog = BttFiles.bytes(linux, 0x3ffb000, 0x4000);
            byte[] ourLog = BttFiles.bytes(ours, 0x3ffb000, 0x4000);
            assertArrayEquals(new byte[16], Arrays.copyOfRange(ourLog, 64 + 16, 64 + 32));
            Arrays.fill(linuxLog, 64 + 16, 64 + 32, (byte) 0); // lane 1's second entry: lba 3, 3 -> 16106, seq 2
            assertArrayEquals(linuxLog, ourLog, "log");
        }
    }

    /** Writes here continue Linux's log: lane and sequence numbers as the kernel would use them. */
    @Test
    void writesAfterLinuxsAndReopens() throws Exception {
        try (Mapping ns = BttFiles.fixtureCopy(dir)) {
            byte[] data = new byte[4096];
            Arrays.fill(data, (byte) 0x5a);
            try (Btt btt = BTT.open(ns, BttFiles.FIXTURE_PARENT, BttVersion.V2_0)) {
                btt.write(3, data, 0, data.length);
                btt.write(16104, data, 0, data.length);
            }
            assertEquals(List.of(), BTT.check(ns, BttFiles.FIXTURE_PARENT, false).problems());
            try (Btt btt = BTT.open(ns, BttFiles.FIXTURE_PARENT, BttVersion.V2_0)) {
                byte[] back = new byte[4096];
                btt.read(3, back, 0, back.length);
                assertArrayEquals(data, back);
                btt.read(16104, back, 0, back.length);
                assertArrayEquals(data, back);
            }
        }
    }

    @Test
    void refusesAnotherNamespacesBtt() throws Exception {
        try (Mapping ns = fixture()) {
            UUID other = UUID.fromString("9adbdc12-fa83-4b1a-a5fa-239c43c686c7");
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.ocxlpmem.btt.BttException.class,
                    () -> BTT.open(ns, other, BttVersion.V2_0));
            assertTrue(e.getMessage().contains("belongs to namespace " + BttFiles.FIXTURE_PARENT), e.getMessage());
            var v11 = org.junit.jupiter.api.Assertions.assertThrows(dev.ocxlpmem.btt.BttException.class,
                    () -> BTT.open(ns, BttFiles.FIXTURE_PARENT, BttVersion.V1_1));
            assertTrue(v11.getMessage().contains("no BTT_ARENA_INFO signature"), v11.getMessage());
        }
    }
}
