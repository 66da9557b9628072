package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.InfoBlockReport;

/**
 * Reading, writing and clearing the info block area at the start of a namespace, each write
 * persisted before it returns.
 */
final class InfoBlocks {
    /**
     * What {@code ndctl destroy-namespace} and every reconfigure clear ({@code zero_info_block}):
     * the first 8 KiB, which hold a BTT2 info block at 0 and the PFN, DAX or BTT info block at 4 KiB.
     */
    static final int CLEARED = 8192;

    private InfoBlocks() {
    }

    /** The 4 KiB where a PFN or DAX info block sits; zeros in a namespace too small to have one. */
    static byte[] read(Mapping namespace) {
        byte[] block = new byte[PfnInfoBlock.SIZE];
        if (namespace.size() >= PfnInfoBlock.OFFSET + PfnInfoBlock.SIZE) {
            namespace.get(PfnInfoBlock.OFFSET, block, 0, block.length);
        }
        return block;
    }

    /** Writes the block at 4 KiB and persists it, as {@code nd_pfn_init}'s {@code nvdimm_write_bytes} does. */
    static void write(Mapping namespace, PfnInfoBlock block) {
        if (namespace.size() < PfnInfoBlock.OFFSET + PfnInfoBlock.SIZE) {
            throw new IllegalArgumentException("a " + namespace.size() + "-byte namespace has no room for an info block");
        }
        byte[] bytes = block.encode();
        namespace.copyAndPersist(PfnInfoBlock.OFFSET, bytes, 0, bytes.length);
    }

    /**
     * Clears the first 8 KiB as ndctl does before a destroy or reconfigure, unless they are
     * already zero (then ndctl writes nothing and reports the namespace as skipped).
     *
     * @return whether anything was written
     */
    static boolean clear(Mapping namespace) {
        int n = (int) Math.min(CLEARED, namespace.size());
        byte[] current = new byte[n];
        namespace.get(0, current, 0, n);
        for (byte b : current) {
            if (b != 0) {
                namespace.copyAndPersist(0, new byte[n], 0, n);
                return true;
            }
        }
        return false;
    }

    /**
     * What {@code ndctl read-infoblock -j} prints for a (disabled) namespace's PFN or DAX info
     * block: the fields of a block with either signature, checked or not; empty when there is
     * none. (A BTT's info block is the BTT's business.)
     */
    static List<InfoBlockReport> reports(String dev, Mapping namespace) {
        byte[] block = read(namespace);
        List<InfoBlockReport> reports = new ArrayList<>(1);
        if (PfnInfoBlock.kindOf(block) != null) {
            try {
                reports.add(PfnInfoBlock.decode(block).report(dev));
            } catch (dev.ocxlpmem.namespaces.NamespaceException e) {
                throw new IllegalStateException(e); // kindOf found a signature
            }
        }
        return reports;
    }
}
