package dev.ocxlpmem.memory.internal;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * PMDK's libpmem, when it is installed: {@code pmem_persist} flushes CPU caches for a range of
 * real persistent memory (mapped with MAP_SYNC) from user space, without a system call.
 * Optional: {@link #AVAILABLE} is false when the library cannot be loaded.
 */
final class LibPmem {

    static final boolean AVAILABLE;

    static {
        boolean loaded = false;
        for (String name : new String[] {"pmem", "libpmem.so.1"}) {
            try {
                Native.register(LibPmem.class, NativeLibrary.getInstance(name));
                loaded = true;
                break;
            } catch (UnsatisfiedLinkError | RuntimeException e) {
                // not installed under this name
            }
        }
        AVAILABLE = loaded;
    }

    private LibPmem() {
    }

    static native void pmem_persist(long addr, long length);
}
