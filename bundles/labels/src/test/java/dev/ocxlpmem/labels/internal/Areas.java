package dev.ocxlpmem.labels.internal;

import java.util.UUID;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.nvdimm.Fletcher64;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** Valid areas made through the store, and ways to edit them that keep or break checksums. */
final class Areas {
    static final long COOKIE = 0x5eed_0000_1234L;
    static final long MIB = 1L << 20;

    private Areas() {
    }

    /** An area of {@code size} bytes with {@code count} raw namespaces of 1 MiB at 0, 1, 2 MiB... */
    static byte[] withNamespaces(int size, LabelVersion version, int count) throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(size, 64 * 1024, COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            store.init(t.dimm(), version, false);
            for (int i = 0; i < count; i++) {
                store.create(t.dimm(), NamespaceSpec.raw(uuid(i), "ns" + i, i * MIB, MIB));
            }
            return store.readArea(t.dimm());
        }
    }

    static UUID uuid(int i) {
        return new UUID(0x1111_2222_3333_4444L, 0x8000_0000_0000_0000L | i);
    }

    static LabelGeometry geometry(byte[] area, LabelVersion version) {
        return LabelGeometry.of(area.length, version);
    }

    static void resealIndex(byte[] area, LabelGeometry g, int block) {
        int off = g.blockOffset(block);
        Bytes.put64(area, off + IndexBlockCodec.CHECKSUM, Fletcher64.of(area, off, g.indexSize(), IndexBlockCodec.CHECKSUM));
    }

    static void resealLabel(byte[] area, LabelGeometry g, int slot) {
        if (g.version() == LabelVersion.V1_2) {
            int off = g.slotOffset(slot);
            Bytes.put64(area, off + LabelCodec.CHECKSUM, LabelCodec.checksum(area, off));
        }
    }

    /** Which block is current in a valid area. */
    static int current(byte[] area, LabelVersion version) {
        return AreaParser.parse("nmem0", area, null).reading().current();
    }
}
