package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MmapMappingTest {

    private final MmapMemoryProvider provider = new MmapMemoryProvider();

    @TempDir
    Path dir;

    private Path file(long size) throws IOException {
        Path file = dir.resolve("lpc.img");
        provider.createFile(file, size);
        return file;
    }

    @Test
    void valuesAreLittleEndianAndReachTheFile() throws IOException {
        Path file = file(1 << 16);
        try (Mapping m = provider.map(file, 0, 1 << 16)) {
            assertEquals(1 << 16, m.size());
            m.putByte(0, (byte) 0x11);
            m.putShort(2, (short) 0x2233);
            m.putInt(4, 0x44556677);
            m.putLong(8, 0x8899aabbccddeeffL);
            m.putLong((1 << 16) - 8, -2L);
            assertEquals((byte) 0x11, m.getByte(0));
            assertEquals((short) 0x2233, m.getShort(2));
            assertEquals(0x44556677, m.getInt(4));
            assertEquals(0x8899aabbccddeeffL, m.getLong(8));
            assertEquals(-2L, m.getLong((1 << 16) - 8));
            m.persist(0, 1 << 16);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x2233, bytes.getShort(2));
        assertEquals(0x44556677, bytes.getInt(4));
        assertEquals(0x8899aabbccddeeffL, bytes.getLong(8));
        assertEquals((byte) 0x33, bytes.get(2), "little-endian: low byte first");
    }

    @Test
    void unalignedOffsetsAreAlignedByTheProvider() throws IOException {
        Path file = file(3 * 4096);
        byte[] content = new byte[3 * 4096];
        new Random(1).nextBytes(content);
        Files.write(file, content);
        try (Mapping m = provider.map(file, 4097, 5000)) {
            byte[] read = new byte[5000];
            m.get(0, read, 0, 5000);
            assertArrayEquals(Arrays.copyOfRange(content, 4097, 9097), read);
            m.putLong(4992, 42);
            m.persist(4992, 8);
        }
        assertEquals(42, ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN).getLong(4097 + 4992));
    }

    @Test
    void bulkCopiesByteArraysAndBuffers() throws IOException {
        int size = 3 * MmapMapping.PIECE + 123;
        Path file = file(size);
        byte[] data = new byte[size - 10];
        new Random(2).nextBytes(data);
        try (Mapping m = provider.map(file, 0, size)) {
            m.put(5, data, 0, data.length);
            byte[] back = new byte[data.length];
            m.get(5, back, 0, back.length);
            assertArrayEquals(data, back);

            ByteBuffer direct = ByteBuffer.allocateDirect(100_000);
            direct.position(10);
            m.get(1000, direct);
            assertEquals(100_000, direct.position());
            direct.flip().position(10);
            assertEquals(ByteBuffer.wrap(data, 995, 99_990), direct);

            ByteBuffer heap = ByteBuffer.wrap(data, 7, 5000);
            m.put(200_000, heap);
            assertEquals(5007, heap.position());
            byte[] check = new byte[5000];
            m.get(200_000, check, 0, 5000);
            assertArrayEquals(Arrays.copyOfRange(data, 7, 5007), check);

            // read-only sources, heap (no array to reach) and direct, more than one copy piece
            ByteBuffer readOnly = ByteBuffer.wrap(data, 3, 200_000).asReadOnlyBuffer();
            m.put(300_000, readOnly);
            assertEquals(200_003, readOnly.position());
            ByteBuffer directReadOnly = ByteBuffer.allocateDirect(70_000).put(data, 11, 70_000).flip().asReadOnlyBuffer();
            m.put(600_000, directReadOnly);
            assertEquals(70_000, directReadOnly.position());
            byte[] back2 = new byte[200_000];
            m.get(300_000, back2, 0, back2.length);
            assertArrayEquals(Arrays.copyOfRange(data, 3, 200_003), back2);
            m.get(600_000, back2, 0, 70_000);
            assertArrayEquals(Arrays.copyOfRange(data, 11, 70_011), Arrays.copyOf(back2, 70_000));
            assertThrows(java.nio.ReadOnlyBufferException.class, () -> m.get(0, ByteBuffer.allocate(8).asReadOnlyBuffer()));
        }
    }

    @Test
    void fillWritesEveryByteOfTheRangeOnly() throws IOException {
        int size = 300_000;
        Path file = file(size);
        try (Mapping m = provider.map(file, 0, size)) {
            m.fill(0, size, (byte) 0x5a);
            m.fill(1, size - 2, (byte) 0);
            m.fill(70_000, 100_001, (byte) 0xa5);
            byte[] all = new byte[size];
            m.get(0, all, 0, size);
            byte[] expected = new byte[size];
            expected[0] = 0x5a;
            expected[size - 1] = 0x5a;
            Arrays.fill(expected, 70_000, 170_001, (byte) 0xa5);
            assertArrayEquals(expected, all);
        }
    }

    @Test
    void slicesShareMemoryAndCloseAlone() throws IOException {
        Path file = file(8192);
        try (Mapping m = provider.map(file, 0, 8192)) {
            Mapping slice = m.slice(4096, 100);
            assertEquals(100, slice.size());
            slice.putInt(0, 7);
            assertEquals(7, m.getInt(4096));
            assertThrows(IndexOutOfBoundsException.class, () -> slice.getInt(97));
            Mapping inner = slice.slice(50, 50);
            inner.putByte(49, (byte) 9);
            assertEquals(9, m.getByte(4196 - 1));
            slice.close();
            assertThrows(MappingClosedException.class, () -> slice.getInt(0));
            assertEquals(7, m.getInt(4096), "closing a slice leaves its mapping open");
            m.close();
            assertThrows(MappingClosedException.class, () -> inner.getByte(0));
        }
    }

    @Test
    void closedMappingRefusesEveryAccess() throws IOException {
        Path file = file(4096);
        Mapping m = provider.map(file, 0, 4096);
        m.close();
        m.close();
        assertThrows(MappingClosedException.class, () -> m.getLong(0));
        assertThrows(MappingClosedException.class, () -> m.putByte(0, (byte) 1));
        assertThrows(MappingClosedException.class, () -> m.get(0, new byte[8], 0, 8));
        assertThrows(MappingClosedException.class, () -> m.fill(0, 8, (byte) 1));
        assertThrows(MappingClosedException.class, () -> m.persist(0, 8));
        assertThrows(MappingClosedException.class, () -> m.slice(0, 8));
    }

    @Test
    void boundsAreCheckedIn64BitsAndNothingIsWritten() throws IOException {
        Path file = file(4096);
        try (Mapping m = provider.map(file, 0, 4096)) {
            m.fill(0, 4096, (byte) 0x77);
            long[] badOffsets = {-1, Long.MIN_VALUE, 4096, 4089, Long.MAX_VALUE, Long.MAX_VALUE - 7};
            for (long offset : badOffsets) {
                assertThrows(IndexOutOfBoundsException.class, () -> m.putLong(offset, 0), "putLong at " + offset);
                assertThrows(IndexOutOfBoundsException.class, () -> m.getLong(offset), "getLong at " + offset);
            }
            assertThrows(IndexOutOfBoundsException.class, () -> m.putInt(4093, 0));
            assertThrows(IndexOutOfBoundsException.class, () -> m.putShort(4095, (short) 0));
            assertThrows(IndexOutOfBoundsException.class, () -> m.putByte(4096, (byte) 0));
            assertThrows(IndexOutOfBoundsException.class, () -> m.fill(1, Long.MAX_VALUE, (byte) 0), "overflow");
            assertThrows(IndexOutOfBoundsException.class, () -> m.fill(Long.MAX_VALUE, 2, (byte) 0), "overflow");
            assertThrows(IndexOutOfBoundsException.class, () -> m.fill(0, -1, (byte) 0));
            assertThrows(IndexOutOfBoundsException.class, () -> m.fill(4000, 97, (byte) 0));
            assertThrows(IndexOutOfBoundsException.class, () -> m.put(4000, new byte[97], 0, 97));
            assertThrows(IndexOutOfBoundsException.class, () -> m.put(-1, new byte[1], 0, 1));
            assertThrows(IndexOutOfBoundsException.class, () -> m.put(0, new byte[10], 5, 6), "source too short");
            assertThrows(IndexOutOfBoundsException.class, () -> m.put(0, new byte[10], -1, 2));
            assertThrows(IndexOutOfBoundsException.class, () -> m.get(4090, ByteBuffer.allocate(7)));
            assertThrows(IndexOutOfBoundsException.class, () -> m.put(4090, ByteBuffer.allocate(7)));
            assertThrows(IndexOutOfBoundsException.class, () -> m.slice(4000, 97));
            assertThrows(IndexOutOfBoundsException.class, () -> m.slice(1, Long.MAX_VALUE));
            assertThrows(IndexOutOfBoundsException.class, () -> m.persist(Long.MAX_VALUE, Long.MAX_VALUE));
            assertThrows(IndexOutOfBoundsException.class, () -> m.copyAndPersist(4000, new byte[97], 0, 97));
            byte[] all = new byte[4096];
            m.get(0, all, 0, 4096);
            byte[] expected = new byte[4096];
            Arrays.fill(expected, (byte) 0x77);
            assertArrayEquals(expected, all, "refused accesses wrote nothing");
            m.put(4000, new byte[96], 0, 96);
            m.putLong(4088, 1);
        }
    }

    @Test
    void copyAndPersist() throws IOException {
        Path file = file(4096);
        try (Mapping m = provider.map(file, 0, 4096)) {
            m.copyAndPersist(100, new byte[] {1, 2, 3, 4}, 1, 3);
        }
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(2, bytes[100]);
        assertEquals(4, bytes[102]);
    }

    @Test
    void normalFileSystemIsNotPersistentMemory() throws IOException {
        Path file = file(4096);
        try (Mapping m = provider.map(file, 0, 4096)) {
            assertFalse(m.isPersistentMemory(), "a file under " + dir + " is page cache, not DAX");
            assertFalse(m.slice(0, 8).isPersistentMemory());
        }
    }

    @Test
    void mapRefusesRangesPastEndOfFileAndNeverGrowsIt() throws IOException {
        Path file = file(8192);
        IOException e = assertThrows(IOException.class, () -> provider.map(file, 4096, 4097));
        assertTrue(e.getMessage().contains("8192"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> provider.map(file, -1, 10));
        assertThrows(IllegalArgumentException.class, () -> provider.map(file, 0, 0));
        assertThrows(IllegalArgumentException.class, () -> provider.map(file, Long.MAX_VALUE, 2));
        assertThrows(java.nio.file.NoSuchFileException.class, () -> provider.map(dir.resolve("none"), 0, 10));
        assertEquals(8192, Files.size(file));
    }
}
