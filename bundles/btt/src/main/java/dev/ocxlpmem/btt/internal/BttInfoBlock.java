package dev.ocxlpmem.btt.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

import dev.ocxlpmem.btt.BttInfo;
import dev.ocxlpmem.btt.BttVersion;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MediaErrorException;
import dev.ocxlpmem.nvdimm.Fletcher64;

/**
 * The BTT arena info block, {@code struct btt_sb} of Linux {@code drivers/nvdimm/btt.h}: 4096
 * bytes, little-endian, UUIDs as their 16 bytes in order, and a Fletcher-64 over 32-bit words with
 * the checksum field taken as zero ({@code nd_sb_checksum}, {@code nd_fletcher64} in
 * {@code drivers/nvdimm/core.c}).
 */
final class BttInfoBlock {
    static final int SIZE = 4096;
    /** {@code BTT_SIG}: 14 characters and two NULs fill the 16-byte field. */
    static final byte[] SIGNATURE = "BTT_ARENA_INFO\0\0".getBytes(StandardCharsets.US_ASCII);
    /** {@code IB_FLAG_ERROR}: the arena is known bad; Linux refuses writes to it. */
    static final long FLAG_ERROR = 1;

    // field offsets in struct btt_sb
    static final int UUID_OFF = 16;
    static final int PARENT_UUID = 32;
    static final int FLAGS = 48;
    static final int VERSION_MAJOR = 52;
    static final int VERSION_MINOR = 54;
    static final int EXTERNAL_LBASIZE = 56;
    static final int EXTERNAL_NLBA = 60;
    static final int INTERNAL_LBASIZE = 64;
    static final int INTERNAL_NLBA = 68;
    static final int NFREE = 72;
    static final int INFOSIZE = 76;
    static final int NEXTOFF = 80;
    static final int DATAOFF = 88;
    static final int MAPOFF = 96;
    static final int LOGOFF = 104;
    static final int INFO2OFF = 112;
    static final int CHECKSUM = 4088;

    private BttInfoBlock() {
    }

    /** Decodes a block read at namespace offset {@code offset}. */
    static BttInfo decode(byte[] b, long offset) {
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int end = 0;
        while (end < 16 && b[end] != 0) {
            end++;
        }
        long checksum = buf.getLong(CHECKSUM);
        return new BttInfo(offset, new String(b, 0, end, StandardCharsets.ISO_8859_1), uuid(b, UUID_OFF),
                uuid(b, PARENT_UUID), u32(buf, FLAGS), Short.toUnsignedInt(buf.getShort(VERSION_MAJOR)),
                Short.toUnsignedInt(buf.getShort(VERSION_MINOR)), u32(buf, EXTERNAL_LBASIZE), u32(buf, EXTERNAL_NLBA),
                u32(buf, INTERNAL_LBASIZE), u32(buf, INTERNAL_NLBA), u32(buf, NFREE), u32(buf, INFOSIZE),
                buf.getLong(NEXTOFF), buf.getLong(DATAOFF), buf.getLong(MAPOFF), buf.getLong(LOGOFF),
                buf.getLong(INFO2OFF), checksum, checksum == checksum(b));
    }

    /** The block for {@code info}, its checksum computed (the {@code checksum} field is ignored). */
    static byte[] encode(BttInfo info) {
        byte[] b = new byte[SIZE];
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        System.arraycopy(SIGNATURE, 0, b, 0, SIGNATURE.length);
        putUuid(buf, UUID_OFF, info.uuid());
        putUuid(buf, PARENT_UUID, info.parentUuid());
        buf.putInt(FLAGS, (int) info.flags());
        buf.putShort(VERSION_MAJOR, (short) info.versionMajor());
        buf.putShort(VERSION_MINOR, (short) info.versionMinor());
        buf.putInt(EXTERNAL_LBASIZE, (int) info.externalLbaSize());
        buf.putInt(EXTERNAL_NLBA, (int) info.externalNlba());
        buf.putInt(INTERNAL_LBASIZE, (int) info.internalLbaSize());
        buf.putInt(INTERNAL_NLBA, (int) info.internalNlba());
        buf.putInt(NFREE, (int) info.nfree());
        buf.putInt(INFOSIZE, (int) info.infoSize());
        buf.putLong(NEXTOFF, info.nextOff());
        buf.putLong(DATAOFF, info.dataOff());
        buf.putLong(MAPOFF, info.mapOff());
        buf.putLong(LOGOFF, info.logOff());
        buf.putLong(INFO2OFF, info.info2Off());
        buf.putLong(CHECKSUM, checksum(b));
        return b;
    }

    static boolean hasSignature(byte[] b) {
        for (int i = 0; i < SIGNATURE.length; i++) {
            if (b[i] != SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** {@code nd_sb_checksum}: Fletcher-64 of the block, the checksum field read as zero. */
    static long checksum(byte[] b) {
        return Fletcher64.of(b, 0, SIZE, CHECKSUM);
    }

    /**
     * Reads the 4096 bytes at {@code offset}, or returns null when they do not lie in the mapping.
     *
     * @throws MediaErrorException when the read faults
     */
    static byte[] read(Mapping ns, long offset) {
        if (offset < 0 || offset > ns.size() - SIZE) {
            return null;
        }
        byte[] b = new byte[SIZE];
        ns.get(offset, b, 0, SIZE);
        return b;
    }

    /** See {@link dev.ocxlpmem.btt.BttDriver#readInfoBlock}. */
    static Optional<BttInfo> find(Mapping ns, BttVersion version) {
        byte[] b = read(ns, version.offset());
        return b != null && hasSignature(b) ? Optional.of(decode(b, version.offset())) : Optional.empty();
    }

    private static long u32(ByteBuffer buf, int at) {
        return Integer.toUnsignedLong(buf.getInt(at));
    }

    private static UUID uuid(byte[] b, int at) {
        ByteBuffer buf = ByteBuffer.wrap(b, at, 16).order(ByteOrder.BIG_ENDIAN);
        return new UUID(buf.getLong(), buf.getLong());
    }

    private static void putUuid(ByteBuffer buf, int at, UUID uuid) {
        ByteBuffer be = buf.duplicate().order(ByteOrder.BIG_ENDIAN);
        be.putLong(at, uuid.getMostSignificantBits());
        be.putLong(at + 8, uuid.getLeastSignificantBits());
    }
}
