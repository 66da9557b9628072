package dev.ocxlpmem.labels.internal;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.nvdimm.Fletcher64;

/**
 * The namespace label: 128 bytes at version 1.1, 256 at 1.2 (UEFI 2.7 §13.19 {@code EFI_NVDIMM_LABEL};
 * Linux {@code label.h} {@code struct nvdimm_efi_label}).
 */
final class LabelCodec {
    static final int UUID_OFF = 0x00;
    static final int NAME = 0x10;
    static final int NAME_LEN = 64;
    static final int FLAGS = 0x50;
    static final int NLABEL = 0x54;
    static final int POSITION = 0x56;
    static final int ISETCOOKIE = 0x58;
    static final int LBASIZE = 0x60;
    static final int DPA = 0x68;
    static final int RAWSIZE = 0x70;
    static final int SLOT = 0x78;
    /** Version 1.2 only (at 1.1 these are 4 unused bytes). */
    static final int ALIGN = 0x7C;
    static final int TYPE_GUID = 0x80;
    static final int ABSTRACTION_GUID = 0x90;
    static final int CHECKSUM = 0xF8;

    private LabelCodec() {
    }

    /** The {@code slot} field, unsigned. */
    static long storedSlot(byte[] b, int off) {
        return Bytes.u32(b, off + SLOT);
    }

    static long storedChecksum(byte[] b, int off) {
        return Bytes.u64(b, off + CHECKSUM);
    }

    /** Fletcher-64 over the 256 bytes with the checksum field as 0 (version 1.2). */
    static long checksum(byte[] b, int off) {
        return Fletcher64.of(b, off, 256, CHECKSUM);
    }

    static NamespaceLabel decode(byte[] b, int off, LabelVersion version, int slot) {
        boolean v12 = version == LabelVersion.V1_2;
        return new NamespaceLabel(
                slot,
                Bytes.uuid(b, off + UUID_OFF),
                name(b, off + NAME),
                Bytes.i32(b, off + FLAGS),
                Bytes.u16(b, off + NLABEL),
                Bytes.u16(b, off + POSITION),
                Bytes.u64(b, off + ISETCOOKIE),
                Bytes.u64(b, off + LBASIZE),
                Bytes.u64(b, off + DPA),
                Bytes.u64(b, off + RAWSIZE),
                v12 ? Bytes.u8(b, off + ALIGN) : 0,
                v12 ? Bytes.guid(b, off + TYPE_GUID) : null,
                v12 ? Bytes.guid(b, off + ABSTRACTION_GUID) : null);
    }

    /** The label's bytes; at version 1.2 with its checksum. */
    static byte[] encode(NamespaceLabel l, LabelVersion version) {
        byte[] b = new byte[version.labelSize()];
        Bytes.putUuid(b, UUID_OFF, l.uuid());
        byte[] name = l.name().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(name, 0, b, NAME, Math.min(name.length, NAME_LEN));
        Bytes.put32(b, FLAGS, l.flags());
        Bytes.put16(b, NLABEL, l.nlabel());
        Bytes.put16(b, POSITION, l.position());
        Bytes.put64(b, ISETCOOKIE, l.isetCookie());
        Bytes.put64(b, LBASIZE, l.lbaSize());
        Bytes.put64(b, DPA, l.dpa());
        Bytes.put64(b, RAWSIZE, l.rawSize());
        Bytes.put32(b, SLOT, l.slot());
        if (version == LabelVersion.V1_2) {
            b[ALIGN] = (byte) l.align();
            Bytes.putGuid(b, TYPE_GUID, l.typeGuid() == null ? new UUID(0, 0) : l.typeGuid());
            Bytes.putGuid(b, ABSTRACTION_GUID, l.abstractionGuid() == null ? new UUID(0, 0) : l.abstractionGuid());
            Bytes.put64(b, CHECKSUM, checksum(b, 0));
        }
        return b;
    }

    private static String name(byte[] b, int off) {
        if (b[off] == 0) {
            return "";
        }
        return IndexBlockCodec.cString(b, off, NAME_LEN, StandardCharsets.UTF_8);
    }
}
