package dev.ocxlpmem.namespaces.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * Writing and clearing info blocks in a real file mapping, and what Linux reads after a crash at
 * any point of it: every write torn at each 8-byte boundary reads as no info block (raw) or as a
 * whole block, never as a block Linux would use half-written.
 */
class InfoBlocksTest {
    static final long MIB = 1L << 20;
    static final long SIZE = 64 * MIB;
    static final UUID OLD_LABEL = UUID.fromString("9f37c68c-e3a2-455e-bd27-93fca636f566");
    static final UUID NEW_LABEL = UUID.fromString("0b7d1c3e-8d3e-4b8a-9c2f-6a1f1e2d3c4b");

    @TempDir
    Path dir;
    Mapping ns;

    @BeforeEach
    void map() throws Exception {
        Path file = dir.resolve("ns.img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(SIZE);
        }
        ns = MmapMemory.provider().map(file, 0, SIZE);
    }

    @AfterEach
    void unmap() {
        ns.close();
    }

    static PfnInfoBlock block(PfnInfoBlock.Kind kind, UUID parent) throws Exception {
        return PfnInfoBlock.of(kind, UUID.randomUUID(), parent,
                PfnLayout.compute(0, SIZE, PfnInfoBlock.MODE_PMEM, 2 * MIB, PfnPlatform.X86_64), PfnPlatform.X86_64);
    }

    static LabelNamespace label(UUID uuid) {
        return new LabelNamespace(0, uuid, "", 512, ClaimClass.NONE, 0, SIZE, 0);
    }

    Claim probe(UUID labelUuid) {
        return Claim.probe(label(labelUuid), ns, SectorProbe.NONE, PfnPlatform.X86_64);
    }

    @Test
    void writesReadsAndClears() throws Exception {
        PfnInfoBlock b = block(PfnInfoBlock.Kind.PFN, OLD_LABEL);
        InfoBlocks.write(ns, b);
        assertArrayEquals(b.encode(), InfoBlocks.read(ns));
        assertEquals(NamespaceMode.FSDAX, probe(OLD_LABEL).mode());
        ns.putLong(0, 0x4242); // a BTT2 info block would sit at 0: cleared too
        assertTrue(InfoBlocks.clear(ns));
        assertArrayEquals(new byte[8192], bytes(0, 8192));
        assertFalse(InfoBlocks.clear(ns), "already clear: nothing written, as ndctl skips it");
        assertEquals(NamespaceMode.RAW, probe(OLD_LABEL).mode());
        assertEquals(0, InfoBlocks.reports("namespace0.0", ns).size());
    }

    /** Create: the block written over zeros, torn anywhere. */
    @Test
    void aTornNewBlockReadsAsNone() throws Exception {
        byte[] fresh = block(PfnInfoBlock.Kind.DAX, OLD_LABEL).encode();
        for (int torn = 0; torn <= fresh.length; torn += 8) {
            ns.fill(0, 8192, (byte) 0);
            ns.put(PfnInfoBlock.OFFSET, fresh, 0, torn);
            Claim c = probe(OLD_LABEL);
            if (torn < fresh.length) {
                assertEquals(NamespaceMode.RAW, c.mode(), "torn at " + torn);
                assertTrue(c.enables(), "torn at " + torn + ": " + c.refusal());
            } else {
                assertEquals(NamespaceMode.DEVDAX, c.mode());
            }
        }
    }

    /**
     * Reconfigure (and destroy): the first 8 KiB cleared, then the new block written; torn in either
     * write, Linux reads the old block whole, the new one whole, or none, under either label.
     */
    @Test
    void aReconfigureTornAnywhereReadsAsOldNewOrNone() throws Exception {
        byte[] old = block(PfnInfoBlock.Kind.PFN, OLD_LABEL).encode();
        byte[] next = block(PfnInfoBlock.Kind.DAX, NEW_LABEL).encode();
        int states = 0;
        for (int phase = 0; phase < 2; phase++) {
            for (int torn = 0; torn <= 8192; torn += 8) {
                ns.fill(0, 8192, (byte) 0);
                ns.put(PfnInfoBlock.OFFSET, old, 0, old.length);
                ns.fill(0, torn, (byte) 0); // the clear, torn
                if (phase == 1) {
                    if (torn > next.length) {
                        break;
                    }
                    ns.fill(0, 8192, (byte) 0);
                    ns.put(PfnInfoBlock.OFFSET, next, 0, torn); // the new block, torn
                }
                byte[] onMedia = InfoBlocks.read(ns);
                for (UUID labelUuid : new UUID[] {OLD_LABEL, NEW_LABEL}) {
                    Claim c = probe(labelUuid);
                    assertTrue(c.enables(), c.refusal());
                    if (c.mode() != NamespaceMode.RAW) {
                        assertTrue(java.util.Arrays.equals(onMedia, old) || java.util.Arrays.equals(onMedia, next),
                                "a valid block is a whole one");
                        assertEquals(labelUuid, c.pfn().parentUuid());
                    }
                }
                states++;
            }
        }
        assertEquals(1025 + 513, states);
    }

    private byte[] bytes(long offset, int n) {
        byte[] b = new byte[n];
        ns.get(offset, b, 0, n);
        return b;
    }
}
