package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MediaErrorException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file is truncated to one page under a live mapping; every access to the pages past the
 * new end of file must fail at once with {@link MediaErrorException} at the right offset — not
 * return garbage, not crash, not throw an {@link InternalError} later. Runs in the test JVM and,
 * through {@link #main}, in child JVMs that only interpret or only use C1.
 */
public final class FaultScenario {

    static final int PAGE = 4096;
    static final int PAGES = 16;

    private FaultScenario() {
    }

    public static void main(String[] args) throws Exception {
        run(Path.of(args[0]), Integer.parseInt(args[1]));
        System.out.println("ok");
    }

    static void run(Path dir, int warmUp) throws IOException {
        MmapMemoryProvider provider = new MmapMemoryProvider();
        Path file = Files.createTempFile(dir, "fault", ".img");
        Files.delete(file);
        provider.createFile(file, PAGES * PAGE);
        Mapping m = provider.map(file, 0, PAGES * PAGE);
        final byte[] buffer = new byte[PAGES * PAGE];
        long sum = 0;
        for (int i = 0; i < warmUp; i++) {
            long offset = (i * 8L) % (PAGES * PAGE);
            m.putLong(offset, i);
            sum += m.getLong(offset) + m.getInt(offset) + m.getShort(offset) + m.getByte(offset);
            if (i % 1000 == 0) {
                m.get(0, buffer, 0, buffer.length);
                m.put(0, buffer, 0, buffer.length);
            }
        }
        m.putLong(0, 0x1122334455667788L);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(PAGE);
        }
        for (int i = 0; i < 3000; i++) {
            long offset = PAGE + (long) (i % (PAGES - 1)) * PAGE + (i % 8) * 8;
            expect(offset, () -> m.getLong(offset));
            expect(offset, () -> m.putLong(offset, 1));
            expect(offset, () -> m.getInt(offset));
            expect(offset, () -> m.putShort(offset, (short) 1));
            expect(offset, () -> m.getByte(offset));
        }
        for (int i = 0; i < 300; i++) {
            expect(PAGE, () -> m.get(0, buffer, 0, buffer.length));
            expect(PAGE, () -> m.get(100, buffer, 0, 8000));
            expect(PAGE, () -> m.put(PAGE - 10, buffer, 0, 200));
            expect(5 * PAGE + 1, () -> m.put(5 * PAGE + 1, buffer, 0, 10));
            expect(PAGE, () -> m.fill(8, 3 * PAGE, (byte) 1));
            expect(PAGE, () -> m.get(0, ByteBuffer.allocateDirect(2 * PAGE)));
            expect(PAGE, () -> m.slice(PAGE, 3 * PAGE).get(PAGE, buffer, 0, 10)); // offsets are relative to the slice
        }
        // the page that is still in the file still works, and held what was written
        check(m.getLong(0) == 0x1122334455667788L, "first page lost its data");
        m.get(0, buffer, 0, PAGE);
        m.putLong(8, sum);
        m.close();
        // nothing left pending: an unsafe-access error would surface at the next VM transitions
        byte[] garbage = null;
        for (int i = 0; i < 100; i++) {
            garbage = new byte[1 << 16];
            Thread.yield();
        }
        check(garbage.length == 1 << 16, "");
        System.gc();
    }

    private static void expect(long offset, Runnable access) {
        try {
            access.run();
        } catch (MediaErrorException e) {
            check(e.offset() == offset, "fault reported at " + e.offset() + ", expected " + offset + ": " + e);
            check(e.getMessage().contains("offset " + offset), e.getMessage());
            return;
        }
        throw new AssertionError("access at " + offset + " past end of file did not fail");
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}
