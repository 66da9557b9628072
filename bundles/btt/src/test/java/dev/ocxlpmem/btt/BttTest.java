package dev.ocxlpmem.btt;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.memory.standalone.MmapMemory;

/**
 * The BTT as the namespace lifecycle uses it, through the exported API only (the driver made as
 * the service is, by the standalone wiring): format at
 * {@code create-namespace -m sector}, open at enable, check and repair at {@code check-namespace}.
 * Each step is followed by a fresh mapping of the same file, so what it promises to persist is
 * read from the file, not from the mapping that wrote it.
 */
class BttTest {
    static final long MIB = 1L << 20;
    static final UUID PARENT = UUID.fromString("0f9e40c7-2c9a-4d3b-9c55-3d5c1f1a2b01");
    static final MemoryProvider MEMORY = MmapMemory.provider();
    static final BttDriver BTT = LinuxBtt.driver();

    @TempDir
    Path dir;

    Path file;

    Mapping namespace(long size) throws IOException {
        file = dir.resolve("ns.img");
        MEMORY.createFile(file, size);
        return MEMORY.map(file, 0, size);
    }

    Mapping remap() throws IOException {
        return MEMORY.map(file, 0, Files.size(file));
    }

    static byte[] sector(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    /** v1.2 labels go with BTT 2.0 at byte 0, v1.1 labels with BTT 1.1 at 4 KiB. */
    @ParameterizedTest
    @CsvSource({"4096, V2_0", "512, V1_1", "4224, V2_0"})
    void formatOpenReadWriteCheck(int lbaSize, BttVersion version) throws Exception {
        UUID uuid = UUID.randomUUID();
        BttGeometry geometry = BTT.geometry(32 * MIB, lbaSize, version);
        int sectorSize = geometry.sectorSize();
        try (Mapping ns = namespace(32 * MIB); Btt btt = BTT.format(ns, new BttSpec(uuid, PARENT, lbaSize, version))) {
            assertEquals(geometry.sectorCount(), btt.sectorCount());
            assertEquals(geometry.size(), btt.size());
            assertEquals(sectorSize, btt.sectorSize());
            assertEquals(lbaSize, btt.lbaSize());
            assertEquals(version, btt.version());
            assertEquals(uuid, btt.uuid());
            assertEquals(PARENT, btt.parentUuid());
            btt.write(0, sector(sectorSize, 1), 0, sectorSize);
            btt.write(btt.sectorCount() - 2, ByteBuffer.wrap(new byte[2 * sectorSize]).put(0, sector(sectorSize, 2)));
        }
        try (Mapping ns = remap()) {
            BttInfo info = BTT.readInfoBlock(ns, version).orElseThrow();
            assertEquals(version.offset(), info.offset());
            assertEquals(uuid, info.uuid());
            assertTrue(info.checksumValid());
            BttCheckResult clean = BTT.check(ns, PARENT, false);
            assertEquals(new BttCheckResult(version, 1, List.of(), List.of()), clean);
            try (Btt btt = BTT.open(ns, PARENT, version)) {
                byte[] b = new byte[sectorSize];
                btt.read(0, b, 0, sectorSize);
                assertArrayEquals(sector(sectorSize, 1), b);
                ByteBuffer two = ByteBuffer.allocateDirect(2 * sectorSize);
                btt.read(btt.sectorCount() - 2, two);
                assertFalse(two.hasRemaining());
                two.flip().get(b);
                assertArrayEquals(sector(sectorSize, 2), b);
                two.get(b);
                assertArrayEquals(new byte[sectorSize], b);
                btt.read(1, b, 0, sectorSize);
                assertArrayEquals(new byte[sectorSize], b, "a fresh BTT reads zeros where nothing was written");
                btt.close();
                assertThrows(IllegalStateException.class, () -> btt.read(0, new byte[sectorSize], 0, sectorSize));
            }
        }
    }

    /** check-namespace: reports without writing, repairs with repair, and open follows. */
    @Test
    void checkReportsThenRepairs() throws Exception {
        try (Mapping ns = namespace(32 * MIB)) {
            BTT.format(ns, new BttSpec(UUID.randomUUID(), PARENT, 4096, BttVersion.V2_0)).close();
            BttInfo info = BTT.readInfoBlock(ns, BttVersion.V2_0).orElseThrow();
            ns.putByte(info.info2Off() + 100, (byte) 0x42); // arena 0 starts at 0 in BTT 2.0
            byte[] before = bytes(ns);

            BttCheckResult report = BTT.check(ns, PARENT, false);
            assertEquals(1, report.problems().size(), report.problems().toString());
            BttProblem p = report.problems().get(0);
            assertEquals(BttProblem.Kind.INFO2_MISMATCH, p.kind());
            assertTrue(p.repairable());
            assertEquals(List.of(), report.repaired());
            assertArrayEquals(before, bytes(ns), "check without repair writes nothing");
            BttException refused = assertThrows(BttException.class, () -> BTT.open(ns, PARENT, BttVersion.V2_0));
            assertEquals(List.of(p), refused.problems());
            assertArrayEquals(before, bytes(ns), "a refused open writes nothing");

            BttCheckResult repair = BTT.check(ns, PARENT, true);
            assertTrue(repair.clean(), repair.problems().toString());
            assertEquals(1, repair.repaired().size());
            assertEquals(p.kind(), repair.repaired().get(0).kind());
            assertEquals(p.offset(), repair.repaired().get(0).offset());
        }
        try (Mapping ns = remap()) {
            assertTrue(BTT.check(ns, PARENT, false).clean(), "the repair is in the file");
            BTT.open(ns, PARENT, BttVersion.V2_0).close();
        }
    }

    /** Another namespace's BTT, no BTT, a namespace too small: refused, nothing written. */
    @Test
    void refusalsChangeNothing() throws Exception {
        try (Mapping ns = namespace(32 * MIB)) {
            BttException none = assertThrows(BttException.class, () -> BTT.open(ns, PARENT, BttVersion.V2_0));
            assertEquals(BttProblem.Kind.INFO_BLOCK_INVALID, none.problems().get(0).kind());
            assertTrue(none.getMessage().contains("offset 0x0"), none.getMessage());
            assertEquals(BttProblem.Kind.NO_BTT, BTT.check(ns, PARENT, true).problems().get(0).kind());
            assertArrayEquals(new byte[(int) (32 * MIB)], bytes(ns));

            BTT.format(ns, new BttSpec(UUID.randomUUID(), PARENT, 512, BttVersion.V2_0)).close();
            byte[] formatted = bytes(ns);
            UUID other = UUID.randomUUID();
            BttException foreign = assertThrows(BttException.class, () -> BTT.open(ns, other, BttVersion.V2_0));
            assertTrue(foreign.getMessage().contains(other.toString()), foreign.getMessage());
            assertFalse(BTT.check(ns, other, true).clean());
            assertArrayEquals(formatted, bytes(ns));
        }
        try (Mapping small = MEMORY.map(file, 0, 16 * MIB)) {
            byte[] before = bytes(small);
            assertThrows(IllegalArgumentException.class,
                    () -> BTT.format(small, new BttSpec(UUID.randomUUID(), PARENT, 4096, BttVersion.V1_1)));
            assertArrayEquals(before, bytes(small));
        }
    }

    static byte[] bytes(Mapping m) {
        byte[] b = new byte[(int) m.size()];
        m.get(0, b, 0, b.length);
        return b;
    }
}
