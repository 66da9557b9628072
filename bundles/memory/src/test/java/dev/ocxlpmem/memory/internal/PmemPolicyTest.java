package dev.ocxlpmem.memory.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pmem decisions, on fake system calls: this machine has no DAX file system. */
class PmemPolicyTest {

    /** Answers each mmap call with the next scripted result; -errno stands for a failure. */
    private static final class FakeMmap implements PmemPolicy.Mmap {
        final Deque<Long> results = new ArrayDeque<>();
        final List<Integer> flags = new ArrayList<>();
        int errno;

        FakeMmap(long... results) {
            for (long r : results) {
                this.results.add(r);
            }
        }

        @Override
        public long map(int f) {
            flags.add(f);
            long r = results.remove();
            if (r < 0) {
                errno = (int) -r;
                return LibC.MAP_FAILED;
            }
            return r;
        }
    }

    @Test
    void daxFileSystemIsMappedWithMapSync() throws IOException {
        FakeMmap mmap = new FakeMmap(0x7f0000000000L);
        PmemPolicy.Mapped mapped = PmemPolicy.map(mmap, () -> mmap.errno, "test");
        assertTrue(mapped.pmem());
        assertEquals(0x7f0000000000L, mapped.address());
        assertEquals(List.of(LibC.MAP_SHARED_VALIDATE | LibC.MAP_SYNC), mmap.flags);
        assertEquals(0x80003, mmap.flags.get(0), "MAP_SHARED_VALIDATE 0x03 | MAP_SYNC 0x80000");
    }

    @Test
    void eopnotsuppMeansNotPmemAndFallsBackToShared() throws IOException {
        FakeMmap mmap = new FakeMmap(-LibC.EOPNOTSUPP, 0x1000);
        PmemPolicy.Mapped mapped = PmemPolicy.map(mmap, () -> mmap.errno, "test");
        assertFalse(mapped.pmem());
        assertEquals(List.of(0x80003, LibC.MAP_SHARED), mmap.flags);
    }

    @Test
    void einvalFromOldKernelsAlsoFallsBack() throws IOException {
        FakeMmap mmap = new FakeMmap(-LibC.EINVAL, 0x1000);
        assertFalse(PmemPolicy.map(mmap, () -> mmap.errno, "test").pmem());
    }

    @Test
    void otherErrorsAreFinal() {
        FakeMmap mmap = new FakeMmap(-12 /* ENOMEM */);
        IOException e = assertThrows(IOException.class, () -> PmemPolicy.map(mmap, () -> mmap.errno, "lpc.img"));
        assertTrue(e.getMessage().contains("errno 12") && e.getMessage().contains("lpc.img"), e.getMessage());
        assertEquals(1, mmap.flags.size(), "no retry without MAP_SYNC");
    }

    @Test
    void failureOfTheFallbackIsReportedWithItsOwnErrno() {
        FakeMmap mmap = new FakeMmap(-LibC.EOPNOTSUPP, -13 /* EACCES */);
        IOException e = assertThrows(IOException.class, () -> PmemPolicy.map(mmap, () -> mmap.errno, "x"));
        assertTrue(e.getMessage().contains("errno 13"), e.getMessage());
    }

    @Test
    void persistUsesLibpmemOnlyOnRealPmemWithTheLibraryLoaded() {
        assertEquals(PmemPolicy.Flush.PMEM_PERSIST, PmemPolicy.flush(true, true));
        assertEquals(PmemPolicy.Flush.MSYNC, PmemPolicy.flush(true, false), "no libpmem: msync flushes DAX too");
        assertEquals(PmemPolicy.Flush.MSYNC, PmemPolicy.flush(false, true), "page cache needs msync");
        assertEquals(PmemPolicy.Flush.MSYNC, PmemPolicy.flush(false, false));
    }

    @Test
    void msyncConstantsAreLinuxOnes() {
        assertEquals(1, LibC.MS_ASYNC);
        assertEquals(2, LibC.MS_INVALIDATE);
        assertEquals(4, LibC.MS_SYNC);
    }
}
