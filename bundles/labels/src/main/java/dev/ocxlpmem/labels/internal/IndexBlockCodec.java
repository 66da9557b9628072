package dev.ocxlpmem.labels.internal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.ocxlpmem.labels.IndexBlock;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.nvdimm.Fletcher64;

/**
 * The namespace index block: 72 bytes of fields, then the free bitmap (UEFI 2.7 §13.19
 * {@code EFI_NVDIMM_LABEL_INDEX_BLOCK}; Linux {@code label.h} {@code struct nd_namespace_index}).
 * Validation makes exactly Linux's checks ({@code label.c} {@code __nd_label_validate}).
 */
final class IndexBlockCodec {
    static final int SIG = 0x00;
    static final int FLAGS = 0x10;
    static final int LABELSIZE = 0x13;
    static final int SEQ = 0x14;
    static final int MYOFF = 0x18;
    static final int MYSIZE = 0x20;
    static final int OTHEROFF = 0x28;
    static final int LABELOFF = 0x30;
    static final int NSLOT = 0x38;
    static final int MAJOR = 0x3C;
    static final int MINOR = 0x3E;
    static final int CHECKSUM = 0x40;
    static final int FREE = 0x48;

    static final byte[] SIGNATURE = "NAMESPACE_INDEX\0".getBytes(StandardCharsets.US_ASCII);

    private IndexBlockCodec() {
    }

    /** Sequence numbers cycle 1 → 2 → 3 → 1; 0 is invalid. */
    static int nextSeq(int seq) {
        return (seq & 3) % 3 + 1;
    }

    /**
     * Which of two valid blocks is current: the one whose seq follows the other's; block 1 when
     * they are equal (Linux {@code best_seq}).
     */
    static int current(int seq0, int seq1) {
        return nextSeq(seq0) == seq1 || seq0 == seq1 ? 1 : 0;
    }

    /** The label size a block declares: from its {@code labelsize} byte when version ≥ 1.2, else 128. */
    static int declaredLabelSize(int major, int minor, int labelSizeByte) {
        if (major * 100 + minor < 102) {
            return 128;
        }
        int shift = 7 + labelSizeByte;
        return shift >= 31 ? 0 : 1 << shift;
    }

    /** Decodes block {@code block} of {@code area} for geometry {@code g} and lists what Linux would reject. */
    static IndexBlock decode(byte[] area, int block, LabelGeometry g, List<LabelProblem> problems) {
        int off = g.blockOffset(block);
        int size = g.indexSize();
        String where = "index block " + block;
        int major = Bytes.u16(area, off + MAJOR);
        int minor = Bytes.u16(area, off + MINOR);
        int labelSize = declaredLabelSize(major, minor, Bytes.u8(area, off + LABELSIZE));
        long seq = Bytes.u32(area, off + SEQ);
        long myoff = Bytes.u64(area, off + MYOFF);
        long mysize = Bytes.u64(area, off + MYSIZE);
        long otheroff = Bytes.u64(area, off + OTHEROFF);
        long labeloff = Bytes.u64(area, off + LABELOFF);
        long nslot = Bytes.u32(area, off + NSLOT);
        long checksum = Bytes.u64(area, off + CHECKSUM);
        int flags = Bytes.u8(area, off + FLAGS) | Bytes.u8(area, off + FLAGS + 1) << 8
                | Bytes.u8(area, off + FLAGS + 2) << 16;

        List<LabelProblem> found = new ArrayList<>();
        if (!Arrays.equals(area, off, off + SIGNATURE.length, SIGNATURE, 0, SIGNATURE.length)) {
            // Not an index block at all: its other fields mean nothing.
            found.add(LabelProblem.error(where, "sig", "NAMESPACE_INDEX\\0", isZero(area, off, SIGNATURE.length)
                    ? "16 zero bytes" : printable(area, off, SIGNATURE.length)));
        } else {
            if (labelSize != g.labelSize()) {
                found.add(LabelProblem.error(where, "labelsize",
                        g.labelSize() + " (version " + g.version() + ")",
                        labelSize + " (version " + major + "." + minor + ")"));
            }
            long sum = Fletcher64.of(area, off, size, CHECKSUM);
            if (sum != checksum) {
                found.add(LabelProblem.error(where, "checksum", Bytes.hex(sum), Bytes.hex(checksum)));
            }
            if ((seq & 3) == 0) {
                found.add(LabelProblem.error(where, "seq", "1, 2 or 3 in the low 2 bits", Bytes.hex(seq)));
            }
            if (myoff != (long) block * size) {
                found.add(LabelProblem.error(where, "myoff", Bytes.hex((long) block * size), Bytes.hex(myoff)));
            }
            if (otheroff != (long) (1 - block) * size) {
                found.add(LabelProblem.error(where, "otheroff", Bytes.hex((long) (1 - block) * size),
                        Bytes.hex(otheroff)));
            }
            if (labeloff != 2L * size) {
                found.add(LabelProblem.error(where, "labeloff", Bytes.hex(2L * size), Bytes.hex(labeloff)));
            }
            if (mysize < LabelGeometry.INDEX_HEADER || mysize > size) {
                found.add(LabelProblem.error(where, "mysize", LabelGeometry.INDEX_HEADER + ".." + size,
                        Long.toUnsignedString(mysize)));
            }
            if (!g.fits(nslot)) {
                found.add(LabelProblem.error(where, "nslot", "at most " + g.nslot() + " for a "
                        + g.configSize() + "-byte area", Long.toString(nslot)));
            }
        }
        problems.addAll(found);
        String signature = cString(area, off, SIGNATURE.length - 1, StandardCharsets.ISO_8859_1);
        return new IndexBlock(block, off, size, signature, flags, labelSize, seq, myoff, mysize, otheroff,
                labeloff, nslot, major, minor, checksum, found.isEmpty());
    }

    /**
     * A fresh block as {@code ndctl init-labels} writes it: every slot free, and the bitmap's
     * padding bits up to a 64-bit boundary set too.
     */
    static byte[] fresh(LabelGeometry g, int block, int seq) {
        byte[] b = new byte[g.indexSize()];
        int bitmapBytes = Math.min((g.nslot() + 63) / 64 * 8, g.indexSize() - FREE);
        Arrays.fill(b, FREE, FREE + bitmapBytes, (byte) 0xFF);
        seal(b, g, block, seq, g.nslot());
        return b;
    }

    /**
     * Writes every field of block {@code block} into {@code b} (the bitmap and anything after it
     * stay) and its checksum.
     */
    static void seal(byte[] b, LabelGeometry g, int block, int seq, long nslot) {
        System.arraycopy(SIGNATURE, 0, b, SIG, SIGNATURE.length);
        b[FLAGS] = 0;
        b[FLAGS + 1] = 0;
        b[FLAGS + 2] = 0;
        b[LABELSIZE] = (byte) (g.version() == LabelVersion.V1_2 ? 1 : 0);
        Bytes.put32(b, SEQ, seq);
        Bytes.put64(b, MYOFF, (long) block * g.indexSize());
        Bytes.put64(b, MYSIZE, g.indexSize());
        Bytes.put64(b, OTHEROFF, (long) (1 - block) * g.indexSize());
        Bytes.put64(b, LABELOFF, g.labelOffset());
        Bytes.put32(b, NSLOT, (int) nslot);
        Bytes.put16(b, MAJOR, g.version().major());
        Bytes.put16(b, MINOR, g.version().minor());
        Bytes.put64(b, CHECKSUM, Fletcher64.of(b, 0, g.indexSize(), CHECKSUM));
    }

    /** Whether slot {@code slot} is free in the block at {@code off}: bit {@code slot % 8} of byte {@code slot / 8}. */
    static boolean isFree(byte[] b, int off, int slot) {
        return (b[off + FREE + (slot >>> 3)] & (1 << (slot & 7))) != 0;
    }

    static void setFree(byte[] b, int slot, boolean free) {
        int i = FREE + (slot >>> 3);
        int bit = 1 << (slot & 7);
        b[i] = (byte) (free ? b[i] | bit : b[i] & ~bit);
    }

    /** The bytes up to the first NUL (or {@code len}), decoded. */
    static String cString(byte[] b, int off, int len, java.nio.charset.Charset charset) {
        int end = off;
        while (end < off + len && b[end] != 0) {
            end++;
        }
        return new String(b, off, end - off, charset);
    }

    static boolean isZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }

    static String printable(byte[] b, int off, int len) {
        StringBuilder s = new StringBuilder(len);
        for (int i = 0; i < len; i++) {
            int c = b[off + i] & 0xFF;
            if (c >= 0x20 && c < 0x7F) {
                s.append((char) c);
            } else if (c == 0) {
                s.append("\\0");
            } else {
                s.append(String.format("\\x%02x", c));
            }
        }
        return s.toString();
    }
}
