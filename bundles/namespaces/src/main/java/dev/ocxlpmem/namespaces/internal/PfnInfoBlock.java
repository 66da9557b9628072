package dev.ocxlpmem.namespaces.internal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.UUID;

import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.nvdimm.Fletcher64;

/**
 * The info block of an fsdax or devdax namespace: Linux {@code struct nd_pfn_sb}
 * ({@code drivers/nvdimm/pfn.h}), 4 KiB at 4 KiB into the namespace, little-endian:
 *
 * <pre>
 * 0x000 signature[16]  "NVDIMM_PFN_INFO\0" (fsdax) or "NVDIMM_DAX_INFO\0" (devdax)
 * 0x010 uuid[16]       the info block's own uuid
 * 0x020 parent_uuid[16] the namespace label's uuid (nil for a label-less namespace)
 * 0x030 flags u32      0x034 version_major u16   0x036 version_minor u16
 * 0x038 dataoff u64    0x040 npfns u64           0x048 mode u32 (1 ram, 2 pmem)
 * 0x04c start_pad u32  (minor 1)                 0x050 end_trunc u32 (minor 1)
 * 0x054 align u32      (minor 2)                 0x058 page_size u32 (minor 4)
 * 0x05c page_struct_size u16 (minor 4)           0x05e padding[3994], zero (minor 3)
 * 0xff8 checksum u64   Fletcher-64 of the 4 KiB with this field zero
 * </pre>
 *
 * The unsigned 32-bit fields are held in {@code long}s.
 */
record PfnInfoBlock(
        Kind kind,
        UUID uuid,
        UUID parentUuid,
        long flags,
        int versionMajor,
        int versionMinor,
        long dataoff,
        long npfns,
        int mode,
        long startPad,
        long endTrunc,
        long align,
        long pageSize,
        int pageStructSize) {

    /** Where the block sits in its namespace ({@code SZ_4K} in {@code nd_pfn_validate}). */
    static final int OFFSET = 4096;
    /** {@code sizeof(struct nd_pfn_sb)}. */
    static final int SIZE = 4096;
    /** {@code PFN_MODE_RAM}: page metadata in host memory ({@code --map=mem}). */
    static final int MODE_RAM = 1;
    /** {@code PFN_MODE_PMEM}: page metadata on the device ({@code --map=dev}). */
    static final int MODE_PMEM = 2;
    /** The version Linux 6.1 writes ({@code nd_pfn_init}). */
    static final int VERSION_MAJOR = 1;
    static final int VERSION_MINOR = 4;

    private static final int SIGNATURE = 0x00;
    private static final int UUID_OFF = 0x10;
    private static final int PARENT_UUID = 0x20;
    private static final int FLAGS = 0x30;
    private static final int VERSION_MAJOR_OFF = 0x34;
    private static final int VERSION_MINOR_OFF = 0x36;
    private static final int DATAOFF = 0x38;
    private static final int NPFNS = 0x40;
    private static final int MODE = 0x48;
    private static final int START_PAD = 0x4c;
    private static final int END_TRUNC = 0x50;
    private static final int ALIGN = 0x54;
    private static final int PAGE_SIZE = 0x58;
    private static final int PAGE_STRUCT_SIZE = 0x5c;
    static final int CHECKSUM = 0xff8;

    /** The two signatures ({@code PFN_SIG}, {@code DAX_SIG}). */
    enum Kind {
        PFN("NVDIMM_PFN_INFO"),
        DAX("NVDIMM_DAX_INFO");

        private final String text;
        private final byte[] signature;

        Kind(String text) {
            this.text = text;
            this.signature = Arrays.copyOf(text.getBytes(StandardCharsets.US_ASCII), 16);
        }

        String text() {
            return text;
        }

        boolean matches(byte[] block) {
            return Arrays.equals(block, SIGNATURE, SIGNATURE + 16, signature, 0, 16);
        }
    }

    PfnInfoBlock {
        if (kind == null || uuid == null || parentUuid == null) {
            throw new IllegalArgumentException("an info block needs a kind, a uuid and a parent uuid");
        }
        checkUnsigned("flags", flags, 32);
        checkUnsigned("version_major", versionMajor, 16);
        checkUnsigned("version_minor", versionMinor, 16);
        checkUnsigned("start_pad", startPad, 32);
        checkUnsigned("end_trunc", endTrunc, 32);
        checkUnsigned("align", align, 32);
        checkUnsigned("page_size", pageSize, 32);
        checkUnsigned("page_struct_size", pageStructSize, 16);
    }

    private static void checkUnsigned(String field, long value, int bits) {
        if (value < 0 || value >>> bits != 0) {
            throw new IllegalArgumentException(field + " " + value + " does not fit the block's " + bits + "-bit field");
        }
    }

    /** The block Linux's {@code nd_pfn_init} writes for {@code layout}: version 1.4, flags 0. */
    static PfnInfoBlock of(Kind kind, UUID uuid, UUID parentUuid, PfnLayout layout, PfnPlatform platform) {
        return new PfnInfoBlock(kind, uuid, parentUuid, 0, VERSION_MAJOR, VERSION_MINOR, layout.dataoff(),
                layout.npfns(), layout.mode(), layout.startPad(), layout.endTrunc(), layout.align(), platform.pageSize(),
                platform.maxStructPageSize());
    }

    /** The 4 KiB Linux would write, checksum included, padding zero. */
    byte[] encode() {
        byte[] b = new byte[SIZE];
        System.arraycopy(kind.signature, 0, b, SIGNATURE, 16);
        UuidBytes.write(uuid, b, UUID_OFF);
        UuidBytes.write(parentUuid, b, PARENT_UUID);
        putLe(b, FLAGS, flags, 4);
        putLe(b, VERSION_MAJOR_OFF, versionMajor, 2);
        putLe(b, VERSION_MINOR_OFF, versionMinor, 2);
        putLe(b, DATAOFF, dataoff, 8);
        putLe(b, NPFNS, npfns, 8);
        putLe(b, MODE, mode & 0xffff_ffffL, 4);
        putLe(b, START_PAD, startPad, 4);
        putLe(b, END_TRUNC, endTrunc, 4);
        putLe(b, ALIGN, align, 4);
        putLe(b, PAGE_SIZE, pageSize, 4);
        putLe(b, PAGE_STRUCT_SIZE, pageStructSize, 2);
        putLe(b, CHECKSUM, checksum(b), 8);
        return b;
    }

    /**
     * Reads every field of a block with either signature, as {@code ndctl read-infoblock} does; it
     * checks nothing else (see {@link PfnCheck} for what Linux accepts).
     *
     * @throws NamespaceException if {@code block} is not 4 KiB or carries neither signature
     */
    static PfnInfoBlock decode(byte[] block) throws NamespaceException {
        if (block.length != SIZE) {
            throw new NamespaceException("an info block is " + SIZE + " bytes, not " + block.length);
        }
        Kind kind = kindOf(block);
        if (kind == null) {
            throw new NamespaceException("no PFN or DAX info block: the signature reads '" + printable(block) + "'");
        }
        return new PfnInfoBlock(kind, UuidBytes.read(block, UUID_OFF), UuidBytes.read(block, PARENT_UUID),
                le(block, FLAGS, 4), (int) le(block, VERSION_MAJOR_OFF, 2), (int) le(block, VERSION_MINOR_OFF, 2),
                le(block, DATAOFF, 8), le(block, NPFNS, 8), (int) le(block, MODE, 4), le(block, START_PAD, 4),
                le(block, END_TRUNC, 4), le(block, ALIGN, 4), le(block, PAGE_SIZE, 4),
                (int) le(block, PAGE_STRUCT_SIZE, 2));
    }

    /** The signature's kind, or {@code null} for neither. */
    static Kind kindOf(byte[] block) {
        for (Kind k : Kind.values()) {
            if (k.matches(block)) {
                return k;
            }
        }
        return null;
    }

    /** {@code nd_sb_checksum}: Fletcher-64 over the block with its checksum field read as zero. */
    static long checksum(byte[] block) {
        return Fletcher64.of(block, 0, SIZE, CHECKSUM);
    }

    static long storedChecksum(byte[] block) {
        return le(block, CHECKSUM, 8);
    }

    /** What {@code ndctl read-infoblock -j} prints for this block read from {@code dev}. */
    InfoBlockReport report(String dev) {
        return new InfoBlockReport(dev, kind.text(), uuid, parentUuid, flags, versionMajor + "." + versionMinor,
                dataoff, npfns, mode, startPad, endTrunc, align, pageSize, pageStructSize);
    }

    /** Bytes of data after the metadata: what {@code ndctl list} prints as the namespace's size. */
    long dataSize(long namespaceSize) {
        return namespaceSize - startPad - endTrunc - dataoff;
    }

    private static String printable(byte[] block) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 16 && block[i] != 0; i++) {
            int c = block[i] & 0xff;
            s.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
        }
        return s.toString();
    }

    static long le(byte[] b, int off, int n) {
        long v = 0;
        for (int i = n - 1; i >= 0; i--) {
            v = v << 8 | (b[off + i] & 0xffL);
        }
        return v;
    }

    static void putLe(byte[] b, int off, long v, int n) {
        for (int i = 0; i < n; i++) {
            b[off + i] = (byte) (v >>> (8 * i));
        }
    }
}
