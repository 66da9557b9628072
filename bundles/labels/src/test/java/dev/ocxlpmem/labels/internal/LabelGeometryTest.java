package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.nvdimm.Fletcher64;

/** The geometry table of label-area.md, what Fletcher-64 misses, and the sequence-number rules. */
class LabelGeometryTest {

    @ParameterizedTest
    @CsvSource({
        "131072, V1_1, 256, 0x200, 1020",
        "131072, V1_2, 256, 0x200, 510",
        "262144, V1_1, 512, 0x400, 2040",
        "262144, V1_2, 256, 0x200, 1022",
        "16777216, V1_2, 8448, 0x4200, 65470",
        "16777216, V1_1, 16640, 0x8200, 130812",
        "1024, V1_2, 256, 0x200, 2",
        "1024, V1_1, 256, 0x200, 4",
    })
    void geometry(long size, LabelVersion version, int indexSize, String labelOff, int nslot) {
        LabelGeometry g = LabelGeometry.of(size, version);
        assertEquals(indexSize, g.indexSize());
        assertEquals(Integer.decode(labelOff), g.labelOffset());
        assertEquals(nslot, g.nslot());
        assertTrue(g.fits(nslot));
    }

    @Test
    void everySizeFromTheMinimumHoldsTwoSlotsAndFits() {
        for (long size = 1024; size < 300_000; size += 8) {
            for (LabelVersion v : LabelVersion.values()) {
                LabelGeometry g = LabelGeometry.of(size, v);
                assertTrue(g.nslot() >= 2, size + " " + v);
                assertTrue(g.fits(g.nslot()), size + " " + v);
                assertEquals(LabelGeometry.indexSize(g.nslot()), g.indexSize());
                assertTrue(IndexBlockCodec.FREE + (g.nslot() + 7) / 8 <= g.indexSize());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> LabelGeometry.of(1023, LabelVersion.V1_1));
    }

    /**
     * Why an index block is staged with seq 0 (see ConfigDataLabelStore#commit): the kernel's
     * Fletcher-64 keeps 32 bits of its weighted sum, so bit 31 set in one word and cleared in the
     * word two further on leave the checksum unchanged. Free-bitmap updates do exactly that.
     */
    @Test
    void fletcher64MissesSomeBitmapChanges() {
        byte[] a = new byte[256];
        byte[] b = new byte[256];
        a[91] = (byte) 0x80; // word 22, bit 31: slot 159 free in a 128 KiB v1.2 area
        b[99] = (byte) 0x80; // word 24, bit 31: slot 223 free instead
        assertEquals(Fletcher64.of(a, 0, 256), Fletcher64.of(b, 0, 256));
    }

    @Test
    void sequenceNumbers() {
        assertEquals(2, IndexBlockCodec.nextSeq(1));
        assertEquals(3, IndexBlockCodec.nextSeq(2));
        assertEquals(1, IndexBlockCodec.nextSeq(3));
        assertEquals(0, IndexBlockCodec.current(3, 2), "a fresh area: block 0 (seq 3) is current");
        assertEquals(1, IndexBlockCodec.current(3, 1));
        assertEquals(0, IndexBlockCodec.current(1, 3));
        assertEquals(1, IndexBlockCodec.current(2, 2), "equal: block 1");
        assertEquals(1, IndexBlockCodec.current(1, 2));
        assertEquals(0, IndexBlockCodec.current(2, 1));
    }
}
