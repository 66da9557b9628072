package dev.ocxlpmem.nvdimm.internal;

import java.util.BitSet;

/**
 * Hands out device numbers the way the kernel's IDA does: the lowest free one, so a card removed
 * and added again comes back under the same names.
 */
final class DeviceNames {
    private final String prefix;
    private final BitSet used = new BitSet();

    DeviceNames(String prefix) {
        this.prefix = prefix;
    }

    synchronized String take() {
        int id = used.nextClearBit(0);
        used.set(id);
        return prefix + id;
    }

    synchronized void release(String name) {
        used.clear(Integer.parseInt(name.substring(prefix.length())));
    }
}
