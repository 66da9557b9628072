package dev.ocxlpmem.namespaces.internal;

import java.util.UUID;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.namespaces.NamespaceMode;

/**
 * What claims a namespace when Linux enables it, found as {@code nd_pmem_probe}
 * ({@code drivers/nvdimm/pmem.c}) finds it: the BTT probe, then the PFN probe, then the DAX
 * probe, each only if the label's claim class allows it, and raw when none claims it. A probe that
 * finds a block it refuses ({@code -EOPNOTSUPP}) stops there and leaves the namespace disabled.
 *
 * @param mode the mode it is enabled in
 * @param pfn for fsdax and devdax the info block as Linux reads it, else {@code null}
 * @param align for fsdax and devdax the effective alignment, else 0
 * @param sector for sector mode the BTT's claim, else {@code null}
 * @param refusal why Linux will not enable it, or {@code null} when it will
 */
record Claim(NamespaceMode mode, PfnInfoBlock pfn, long align, SectorProbe.SectorClaim sector, String refusal) {

    boolean enables() {
        return refusal == null;
    }

    /** Probes {@code namespace} (its whole range mapped) as Linux does. */
    static Claim probe(LabelNamespace ns, Mapping namespace, SectorProbe sectors, PfnPlatform platform) {
        if (namespace.size() != ns.size()) {
            throw new IllegalArgumentException(namespace.size() + " bytes mapped for a " + ns.size() + "-byte namespace");
        }
        if (ns.claimClass().allowsSector()) {
            var btt = sectors.probe(namespace, ns.claimClass(), ns.parentUuid());
            if (btt.isPresent()) {
                return new Claim(NamespaceMode.SECTOR, null, 0, btt.get(), btt.get().refusal());
            }
        }
        byte[] block = new byte[PfnInfoBlock.SIZE];
        if (ns.size() >= PfnInfoBlock.OFFSET + PfnInfoBlock.SIZE) {
            namespace.get(PfnInfoBlock.OFFSET, block, 0, block.length);
        }
        return probe(ns, block, platform);
    }

    /** The PFN and DAX probes on the 4 KiB at 4 KiB into the namespace (no BTT claimed it). */
    static Claim probe(LabelNamespace ns, byte[] block, PfnPlatform platform) {
        if (ns.claimClass().allowsPfn()) {
            Claim c = pfnProbe(ns, block, PfnInfoBlock.Kind.PFN, NamespaceMode.FSDAX, platform);
            if (c != null) {
                return c;
            }
        }
        if (ns.claimClass().allowsDax()) {
            Claim c = pfnProbe(ns, block, PfnInfoBlock.Kind.DAX, NamespaceMode.DEVDAX, platform);
            if (c != null) {
                return c;
            }
        }
        return raw();
    }

    static Claim raw() {
        return new Claim(NamespaceMode.RAW, null, 0, null, null);
    }

    private static Claim pfnProbe(LabelNamespace ns, byte[] block, PfnInfoBlock.Kind kind, NamespaceMode mode,
            PfnPlatform platform) {
        PfnCheck.Verdict v = PfnCheck.check(block, kind, ns.parentUuid(), ns.start(), ns.size(), null, platform);
        switch (v.outcome()) {
            case VALID:
                if (v.block().mode() == PfnInfoBlock.MODE_RAM && v.block().dataoff() < platform.infoBlockReserve()) {
                    // __nvdimm_setup_pfn: a memmap in host memory still needs the 8 KiB reserve
                    return new Claim(NamespaceMode.RAW, null, 0, null, kind.text() + " dataoff 0x"
                            + Long.toHexString(v.block().dataoff()) + " is inside the 8 KiB info block reserve");
                }
                return new Claim(mode, v.block(), v.align(), null, null);
            case REFUSED:
                return new Claim(NamespaceMode.RAW, null, 0, null, v.reason());
            default:
                return null; // -ENODEV or -ENXIO: the next probe runs
        }
    }

    /** The uuid Linux shows for the namespace: the claim's, or the label's for raw. */
    UUID uuid(LabelNamespace ns) {
        if (pfn != null) {
            return pfn.uuid();
        }
        if (sector != null) {
            return sector.uuid();
        }
        return ns.labelUuid();
    }

    /**
     * The listing of {@code ns} in this claim, as ndctl prints it; a namespace that is not
     * {@code enabled} (or that this claim refuses) lists as raw, with its label's uuid.
     */
    NamespaceListing listing(int region, LabelNamespace ns, boolean enabled) {
        String dev = NamespaceNames.namespace(region, ns.id());
        UUID labelUuid = ns.labelLess() ? null : ns.labelUuid() == null ? UuidBytes.NIL : ns.labelUuid();
        if (!enabled || !enables()) {
            return new NamespaceListing(dev, NamespaceMode.RAW, null, ns.size(), labelUuid, null, null, ns.sectorSize(), 0,
                    null, false, ns.name());
        }
        switch (mode) {
            case FSDAX:
                return new NamespaceListing(dev, mode, map(), pfn.dataSize(ns.size()), pfn.uuid(), ns.labelUuid(), null,
                        ns.sectorSize(), align, NamespaceNames.blockdev(region, ns.id(), false), true, ns.name());
            case DEVDAX:
                return new NamespaceListing(dev, mode, map(), pfn.dataSize(ns.size()), pfn.uuid(), ns.labelUuid(),
                        NamespaceNames.chardev(region, ns.id()), 0, align, null, true, ns.name());
            case SECTOR:
                return new NamespaceListing(dev, mode, null, sector.size(), sector.uuid(), ns.labelUuid(), null,
                        sector.sectorSize(), 0, NamespaceNames.blockdev(region, ns.id(), true), true, ns.name());
            default:
                return new NamespaceListing(dev, mode, null, ns.size(), labelUuid, null, null, ns.sectorSize(), 0,
                        NamespaceNames.blockdev(region, ns.id(), false), true, ns.name());
        }
    }

    private String map() {
        return pfn.mode() == PfnInfoBlock.MODE_PMEM ? "dev" : "mem";
    }
}
