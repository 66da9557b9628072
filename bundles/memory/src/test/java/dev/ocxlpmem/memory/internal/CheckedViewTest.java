package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ocxlpmem.memory.CheckedView;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MappingClosedException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Checked views without faults: values, offsets, bounds, lifetime, threads. Faults: FaultScenario. */
class CheckedViewTest {

    private final MmapMemoryProvider provider = new MmapMemoryProvider();

    @TempDir
    Path dir;

    private Mapping map(int size) throws IOException {
        Path file = dir.resolve("view.img");
        provider.createFile(file, size);
        return provider.map(file, 0, size);
    }

    @Test
    void valuesAreLittleEndianAndSharedWithTheMapping() throws IOException {
        Path file = dir.resolve("values.img");
        provider.createFile(file, 8192);
        try (Mapping m = provider.map(file, 0, 8192)) {
            try (CheckedView view = m.checked()) {
                assertEquals(8192, view.size());
                view.putByte(0, (byte) 0x11);
                view.putShort(2, (short) 0x2233);
                view.putInt(4, 0x44556677);
                view.putLong(8, 0x8899aabbccddeeffL);
                view.putLong(8183, -3L); // unaligned, up to the last byte but one
                assertEquals((byte) 0x11, view.getByte(0));
                assertEquals((short) 0x2233, view.getShort(2));
                assertEquals(0x44556677, view.getInt(4));
                assertEquals(0x8899aabbccddeeffL, view.getLong(8));
                assertEquals(-3L, view.getLong(8183));
            }
            assertEquals(0x8899aabbccddeeffL, m.getLong(8), "a view's writes are the mapping's");
            m.persist(0, 8192);
        }
        ByteBuffer bytes = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0x44556677, bytes.getInt(4));
        assertEquals((byte) 0x33, bytes.get(2), "little-endian: low byte first");
    }

    @Test
    void aRangeViewHasItsOwnOffsetsAndBounds() throws IOException {
        try (Mapping m = map(3 * 4096)) {
            m.fill(0, 3 * 4096, (byte) 0x77);
            try (CheckedView view = m.checked(4096 + 3, 100)) {
                assertEquals(100, view.size());
                view.putLong(0, 42);
                view.putLong(92, 43);
                long[] bad = {-1, 93, 100, Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE - 7};
                for (long offset : bad) {
                    IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class,
                            () -> view.putLong(offset, 0), "putLong at " + offset);
                    assertTrue(e.getMessage().contains("offset " + offset) && e.getMessage().contains("view.img"),
                            e.getMessage());
                    assertThrows(IndexOutOfBoundsException.class, () -> view.getLong(offset));
                }
                assertThrows(IndexOutOfBoundsException.class, () -> view.putInt(97, 0));
                assertThrows(IndexOutOfBoundsException.class, () -> view.putShort(99, (short) 0));
                assertThrows(IndexOutOfBoundsException.class, () -> view.putByte(100, (byte) 0));
                view.putByte(99, (byte) 1);
            }
            assertEquals(42, m.getLong(4099));
            assertEquals(43 | 1L << 56, m.getLong(4099 + 92), "the byte at 99 is the long at 92's last");
            byte[] all = new byte[3 * 4096];
            m.get(0, all, 0, all.length);
            byte[] expected = new byte[3 * 4096];
            Arrays.fill(expected, (byte) 0x77);
            ByteBuffer.wrap(expected).order(ByteOrder.LITTLE_ENDIAN).putLong(4099, 42).putLong(4099 + 92, 43)
                    .put(4099 + 99, (byte) 1);
            assertArrayEquals(expected, all, "refused accesses wrote nothing");

            assertThrows(IndexOutOfBoundsException.class, () -> m.checked(3 * 4096 - 10, 11));
            assertThrows(IndexOutOfBoundsException.class, () -> m.checked(1, Long.MAX_VALUE), "overflow");
            assertThrows(IndexOutOfBoundsException.class, () -> m.checked(-1, 1));
            try (CheckedView empty = m.checked(3 * 4096, 0)) {
                assertThrows(IndexOutOfBoundsException.class, () -> empty.getByte(0));
            }
            try (CheckedView ofSlice = m.slice(8192, 4096).checked()) {
                assertEquals(0x7777777777777777L, ofSlice.getLong(4088), "a slice's view: the slice's offsets");
            }
        }
    }

    @Test
    void aClosedViewRefusesAccessesAndClosesAgainQuietly() throws IOException {
        try (Mapping m = map(4096)) {
            CheckedView view = m.checked();
            view.putLong(0, 1);
            view.close();
            view.close();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> view.getLong(0));
            assertTrue(e.getMessage().contains("closed"), e.getMessage());
            assertThrows(IllegalStateException.class, () -> view.putByte(0, (byte) 1));
        }
    }

    @Test
    void aViewBelongsToItsThread() throws Exception {
        try (Mapping m = map(4096); CheckedView view = m.checked()) {
            ExecutionException e = assertThrows(ExecutionException.class,
                    () -> CompletableFuture.runAsync(() -> view.getLong(0)).get());
            assertTrue(e.getCause() instanceof IllegalStateException && e.getCause().getMessage().contains("thread"),
                    String.valueOf(e.getCause()));
            assertThrows(ExecutionException.class, () -> CompletableFuture.runAsync(view::close).get());
            view.putLong(0, 5);
            assertEquals(5, view.getLong(0), "still usable by its own thread");
        }
    }

    @Test
    void closingTheMappingMakesViewsFail() throws IOException {
        Mapping m = map(4096);
        CheckedView open = m.checked();
        Mapping slice = m.slice(0, 100);
        CheckedView ofSlice = slice.checked();
        m.close();
        assertThrows(MappingClosedException.class, m::checked);
        assertThrows(MappingClosedException.class, () -> m.checked(view -> 1));
        // accesses of a view opened before reach the empty file that replaced the mapping, and fault
        closedAtOrBefore(open, () -> open.putLong(0, 1));
        closedAtOrBefore(ofSlice, () -> ofSlice.getLong(0));
    }

    /** The fault of a closed mapping: at close, or earlier as the JVM's InternalError; close says closed. */
    private static void closedAtOrBefore(CheckedView view, Runnable access) {
        try {
            access.run();
            view.close();
        } catch (MappingClosedException expected) {
            return;
        } catch (InternalError e) {
            assertTrue(Faults.isFault(e), e.toString());
            assertThrows(MappingClosedException.class, view::close);
            return;
        }
        throw new AssertionError("a view of a closed mapping closed quietly");
    }

    @Test
    void closingASliceMakesItsOpenViewsFailAtClose() throws IOException {
        try (Mapping m = map(4096)) {
            Mapping slice = m.slice(0, 100);
            CheckedView view = slice.checked();
            slice.close();
            view.putLong(0, 9); // the memory stays mapped for the mapping: the write lands, the view fails
            assertThrows(MappingClosedException.class, view::close);
            assertEquals(9, m.getLong(0));
        }
    }

    @Test
    void checkedWorkReturnsItsResultAndPassesItsExceptionsOn() throws IOException {
        try (Mapping m = map(4096)) {
            m.putLong(16, 77);
            long value = m.checked(view -> view.getLong(16));
            assertEquals(77, value);
            IllegalArgumentException thrown = new IllegalArgumentException("from the work");
            assertSame(thrown, assertThrows(IllegalArgumentException.class, () -> m.checked(view -> {
                throw thrown;
            })));
            StackOverflowError error = new StackOverflowError();
            assertSame(error, assertThrows(StackOverflowError.class, () -> m.checked(view -> {
                throw error;
            })));
            CheckedView[] leaked = new CheckedView[1];
            m.checked(view -> leaked[0] = view);
            assertThrows(IllegalStateException.class, () -> leaked[0].getLong(0), "closed when the work returns");
        }
    }

    @Test
    void nestedViewsOnOneThread() throws IOException {
        int openBefore = MmapCheckedView.onThisThread().open;
        try (Mapping a = map(4096); Mapping b = provider.map(dir.resolve("view.img"), 0, 4096)) {
            try (CheckedView outer = a.checked()) {
                outer.putLong(0, 1);
                long inner = b.checked(view -> view.getLong(0));
                assertEquals(1, inner, "two mappings of one file");
                try (CheckedView second = a.checked(8, 8)) {
                    second.putLong(0, 2);
                }
                assertEquals(2, outer.getLong(8));
            }
            assertEquals(openBefore, MmapCheckedView.onThisThread().open, "every view closed");
        }
    }
}
