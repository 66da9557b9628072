package dev.ocxlpmem.memory.standalone;

import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.memory.internal.MmapMemoryProvider;

/** The memory provider outside OSGi (where it is a DS component), for tests, benchmarks and tools. */
public final class MmapMemory {
    private MmapMemory() {
    }

    /** The JNA mmap provider. */
    public static MemoryProvider provider() {
        return new MmapMemoryProvider();
    }
}
