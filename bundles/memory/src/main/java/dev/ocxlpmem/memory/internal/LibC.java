package dev.ocxlpmem.memory.internal;

import com.sun.jna.Native;
import com.sun.jna.Platform;

/**
 * The libc calls the provider needs, JNA direct-mapped. Pointers are passed as {@code long}
 * (LP64 Linux only). Data never goes through here: only syscalls on addresses and descriptors.
 *
 * <p>Every constant comes from the Linux UAPI headers ({@code asm-generic/mman-common.h},
 * {@code linux/mman.h}, {@code asm-generic/fcntl.h}, {@code asm-generic/errno*.h}), which
 * x86-64, aarch64 and ppc64le share for the values used here. jna-platform's {@code Mman}
 * has the {@code MS_*} values wrong, so it is not used.
 */
final class LibC {

    static final int PROT_READ = 0x1;
    static final int PROT_WRITE = 0x2;

    static final int MAP_SHARED = 0x01;
    static final int MAP_SHARED_VALIDATE = 0x03;
    static final int MAP_FIXED = 0x10;
    static final int MREMAP_MAYMOVE = 1;
    static final int MAP_SYNC = 0x80000;
    static final long MAP_FAILED = -1L;

    static final int MS_ASYNC = 1;
    static final int MS_INVALIDATE = 2;
    static final int MS_SYNC = 4;

    static final int O_RDONLY = 0;
    static final int O_RDWR = 02;
    static final int O_CREAT = 0100;
    static final int O_EXCL = 0200;
    static final int O_CLOEXEC = 02000000;

    static final int SEEK_END = 2;
    static final int SC_PAGESIZE = 30;
    static final int MFD_CLOEXEC = 1;

    static final int ENOENT = 2;
    static final int EIO = 5;
    static final int EFAULT = 14;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ENOSPC = 28;
    static final int EOPNOTSUPP = 95;

    static {
        if (Native.POINTER_SIZE != 8 || !Platform.isLinux()) {
            throw new UnsupportedOperationException(
                    "the mmap memory provider needs 64-bit Linux, this is " + Platform.ARCH + " " + System.getProperty("os.name"));
        }
        Native.register(LibC.class, Platform.C_LIBRARY_NAME);
    }

    private LibC() {
    }

    static native long mmap(long addr, long length, int prot, int flags, int fd, long offset);

    static native int munmap(long addr, long length);

    /** With {@code oldSize} 0 on a shared mapping: a second mapping of the same pages (mremap(2)). */
    static native long mremap(long oldAddress, long oldSize, long newSize, int flags);

    static native int msync(long addr, long length, int flags);

    static native int posix_fallocate(int fd, long offset, long length);

    static native int open(String path, int flags, int mode);

    static native int close(int fd);

    static native long lseek(int fd, long offset, int whence);

    static native int fsync(int fd);

    static native int link(String oldPath, String newPath);

    static native int unlink(String path);

    static native long sysconf(int name);

    static native String strerror(int errnum);

    /** {@code memfd_create} is in glibc since 2.27; looked up separately so that its absence is not fatal. */
    static final class Memfd {
        static {
            Native.register(Memfd.class, Platform.C_LIBRARY_NAME);
        }

        private Memfd() {
        }

        static native int memfd_create(String name, int flags);
    }

    static int errno() {
        return Native.getLastError();
    }

    /** "No space left on device (errno 28)". */
    static String describe(int errno) {
        String text;
        try {
            text = strerror(errno);
        } catch (RuntimeException | Error e) {
            text = null;
        }
        return (text == null ? "error" : text) + " (errno " + errno + ")";
    }

    static long pageSize() {
        long size = sysconf(SC_PAGESIZE);
        return size > 0 ? size : 4096;
    }
}
