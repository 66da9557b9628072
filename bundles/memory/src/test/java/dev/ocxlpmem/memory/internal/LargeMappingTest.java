package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocxlpmem.memory.Mapping;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A sparse 3 GiB file: offsets past 2^31 and values straddling 1 GiB boundaries, single, bulk and checked. */
class LargeMappingTest {

    private static final long SIZE = 3L << 30;

    @TempDir
    Path dir;

    @Test
    void sparseThreeGibMapping() throws Exception {
        Path file = dir.resolve("large.img");
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(SIZE); // sparse: no blocks allocated
        }
        MmapMemoryProvider provider = new MmapMemoryProvider();
        try (Mapping m = provider.map(file, 0, SIZE)) {
            assertEquals(SIZE, m.size());
            long past31 = (5L << 29) + 12345; // 2.5 GiB, clear of the bulk copy below
            m.putLong(past31, 0xfeedfacecafebeefL);
            assertEquals(0xfeedfacecafebeefL, m.getLong(past31));
            m.putLong(SIZE - 8, -1L);
            assertEquals(-1L, m.getLong(SIZE - 8));
            assertThrows(IndexOutOfBoundsException.class, () -> m.getLong(SIZE - 7));

            // single values straddling 1 GiB and 2 GiB (where the provider once cut its views)
            for (long boundary : new long[] {1L << 30, 2L << 30}) {
                for (int shift = 1; shift < 8; shift++) {
                    long at = boundary - shift;
                    long value = 0x0102030405060708L * shift;
                    m.putLong(at, value);
                    assertEquals(value, m.getLong(at), "long at boundary - " + shift);
                    m.putInt(at, (int) value);
                    assertEquals((int) value, m.getInt(at));
                    m.putShort(at, (short) shift);
                    assertEquals((short) shift, m.getShort(at));
                }
                // and the bytes are where little-endian says, on both sides
                m.putLong(boundary - 4, 0x8877665544332211L);
                assertEquals(0x44332211, m.getInt(boundary - 4));
                assertEquals(0x88776655, m.getInt(boundary));
                assertEquals((byte) 0x55, m.getByte(boundary));
            }

            // bulk copies across the boundary
            byte[] data = new byte[3 << 20];
            new Random(3).nextBytes(data);
            long at = (2L << 30) - (1 << 20) - 3;
            m.put(at, data, 0, data.length);
            byte[] back = new byte[data.length];
            m.get(at, back, 0, back.length);
            assertArrayEquals(data, back);
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length);
            m.get(at, direct);
            direct.flip();
            assertEquals(ByteBuffer.wrap(data), direct);

            m.fill((1L << 30) - 100, 200, (byte) 0x3c);
            assertEquals(0x3c3c3c3c3c3c3c3cL, m.getLong((1L << 30) - 4));

            try (dev.ocxlpmem.memory.CheckedView view = m.checked()) {
                assertEquals(0xfeedfacecafebeefL, view.getLong(past31));
                view.putLong((2L << 30) - 3, 0x0102030405060708L);
                assertEquals(0x0102030405060708L, view.getLong((2L << 30) - 3));
                assertThrows(IndexOutOfBoundsException.class, () -> view.getLong(SIZE - 7));
            }

            Mapping slice = m.slice((1L << 31) + 4096, 1 << 20);
            assertEquals(0xfeedfacecafebeefL, m.getLong(past31));
            slice.putLong(0, 99);
            assertEquals(99, m.getLong((1L << 31) + 4096));
            m.persist(past31, 8);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            byte[] eight = new byte[8];
            raf.seek((5L << 29) + 12345);
            raf.readFully(eight);
            assertEquals(0xfeedfacecafebeefL, ByteBuffer.wrap(eight).order(ByteOrder.LITTLE_ENDIAN).getLong());
        }
        assertTrue(CreateFileTest.allocatedBytes(file) < 64L << 20, "the file stayed sparse");
    }

    @Test
    void mappingAtAnOffsetPastFourGib() throws Exception {
        Path file = dir.resolve("offset.img");
        long offset = (5L << 30) + 777;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(offset + 8192);
            raf.seek(offset + 100);
            raf.write(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        }
        try (Mapping m = new MmapMemoryProvider().map(file, offset, 8192)) {
            assertEquals(0x0807060504030201L, m.getLong(100));
        }
    }
}
