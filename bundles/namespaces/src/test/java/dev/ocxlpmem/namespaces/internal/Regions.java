package dev.ocxlpmem.namespaces.internal;

import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

import dev.ocxlpmem.labels.LabelVersion;

import dev.ocxlpmem.namespaces.NamespaceOptions;

/** Regions as the peer's QEMU NVDIMM has them: one DIMM, region align 16 MiB, v1.2 cookie. */
final class Regions {
    static final long MIB = 1L << 20;
    static final long GIB = 1L << 30;
    /** The interleave-set cookie Linux put in the fixture's and the peer's v1.2 labels. */
    static final long COOKIE = 0xba90120012b4dcL;

    private Regions() {
    }

    static RegionScan.Region facts(long size) {
        return new RegionScan.Region(0, 0, size, 16 * MIB, COOKIE, COOKIE, 0);
    }

    /** A region right after {@code init-labels}: labels, no namespaces. */
    static EnabledRegion empty(long size) throws Exception {
        return EnabledRegion.enable(facts(size), List.of(), LabelVersion.V1_2, ns -> Claim.raw(), PfnPlatform.X86_64);
    }

    /** A region with a blank label area. */
    static EnabledRegion labelLess(long size) throws Exception {
        return EnabledRegion.enable(facts(size), List.of(), null, ns -> Claim.raw(), PfnPlatform.X86_64);
    }

    /** Uuids 00000000-0000-4000-8000-00000000000N, N counting up. */
    static Supplier<UUID> counting() {
        long[] n = {0};
        return () -> new UUID(0x4000L, 0x8000_0000_0000_0000L | ++n[0]);
    }

    /** The options of an {@code ndctl create-namespace} command line. */
    static NamespaceOptions options(PeerTranscript.Step step) {
        NamespaceOptions o = NamespaceOptions.none();
        o = o.withMode(step.option("-m").orElse(null));
        o = o.withSize(step.option("-s").orElse(null));
        o = o.withName(step.option("-n").orElse(null));
        o = o.withAlign(step.option("-a").orElse(null));
        o = o.withUuid(step.option("-u").orElse(null));
        o = o.withMap(step.option("-M").orElse(null));
        o = o.withSectorSize(step.option("-l").orElse(null));
        if (step.flag("-f")) {
            o = o.forced();
        }
        if (step.flag("--no-autolabel")) {
            o = o.withoutAutolabel();
        }
        return o;
    }
}
