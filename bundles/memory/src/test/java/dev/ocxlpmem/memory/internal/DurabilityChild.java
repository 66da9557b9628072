package dev.ocxlpmem.memory.internal;

import dev.ocxlpmem.memory.Mapping;
import java.nio.file.Path;

/**
 * Child JVM of {@link DurabilityTest}: writes numbered 4 KiB records, persists each, and only then
 * says so on stdout; then keeps writing until it is killed.
 */
public final class DurabilityChild {

    private DurabilityChild() {
    }

    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        long size = Long.parseLong(args[1]);
        MmapMemoryProvider provider = new MmapMemoryProvider();
        Mapping mapping = provider.map(file, 0, size);
        int records = (int) (size / 4096);
        byte[] record = new byte[4096];
        for (int i = 0;; i = (i + 1) % records) {
            DurabilityTest.record(i, record);
            if (i % 2 == 0) {
                mapping.copyAndPersist((long) i * 4096, record, 0, record.length);
            } else {
                mapping.put((long) i * 4096, record, 0, record.length);
                mapping.persist((long) i * 4096, record.length);
            }
            System.out.println("persisted " + i);
            System.out.flush();
            if (i == records - 1) {
                // everything persisted once: keep the mapping busy with unpersisted writes until killed
                for (;;) {
                    mapping.putLong(0, System.nanoTime());
                }
            }
        }
    }
}
