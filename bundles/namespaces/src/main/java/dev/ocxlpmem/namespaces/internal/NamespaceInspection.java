package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.List;

import dev.ocxlpmem.namespaces.NamespaceCheck;

/**
 * {@code check-namespace} for raw, fsdax and devdax namespaces: the info block at 4 KiB against
 * what the label says the namespace is, with Linux's own rules ({@link PfnCheck}, {@code
 * nd_pfn_validate}). ndctl 76's check-namespace checks only BTTs; a namespace whose label says
 * fsdax but whose block Linux would refuse or ignore is the same kind of damage, so it is
 * reported here the same way.
 */
final class NamespaceInspection {
    private NamespaceInspection() {
    }

    /** @param block the 4 KiB at 4 KiB into the namespace */
    static NamespaceCheck inspect(String dev, LabelNamespace ns, byte[] block, PfnPlatform platform) {
        List<String> problems = new ArrayList<>();
        PfnInfoBlock.Kind present = PfnInfoBlock.kindOf(block);
        PfnInfoBlock.Kind expected = switch (ns.claimClass()) {
            case PFN -> PfnInfoBlock.Kind.PFN;
            case DAX -> PfnInfoBlock.Kind.DAX;
            case NONE -> present; // a v1.1 (or raw v1.2) label: the block decides
            default -> null;
        };
        if (ns.claimClass() == ClaimClass.UNKNOWN) {
            problems.add("the label's abstraction GUID is none Linux knows: it reads raw whatever is at 4 KiB");
        }
        if (expected == null) {
            if (present != null) {
                problems.add("a " + present.text() + " signature at 4 KiB that the label's claim ("
                        + ns.claimClass() + ") keeps Linux from reading");
            }
            return new NamespaceCheck(dev, "no info block Linux reads (raw)", problems);
        }
        PfnCheck.Verdict v = PfnCheck.check(block, expected, ns.parentUuid(), ns.start(), ns.size(), null, platform);
        String mode = expected == PfnInfoBlock.Kind.PFN ? "fsdax" : "devdax";
        switch (v.outcome()) {
            case VALID -> {
                PfnInfoBlock b = v.block();
                return new NamespaceCheck(dev, expected.text() + " (" + mode + ") valid: version " + b.versionMajor()
                        + "." + b.versionMinor() + ", dataoff 0x" + Long.toHexString(b.dataoff()) + ", npfns "
                        + b.npfns() + ", align 0x" + Long.toHexString(v.align()) + ", map "
                        + (b.mode() == PfnInfoBlock.MODE_PMEM ? "dev" : "mem"), problems);
            }
            case REFUSED -> problems.add("Linux refuses its " + expected.text() + " (" + v.reason()
                    + "): the namespace does not enable until it is reconfigured");
            default -> {
                if (ns.claimClass() != ClaimClass.NONE) {
                    problems.add("the label says " + mode + ", but Linux finds no " + expected.text() + " it takes ("
                            + v.reason() + "): it reads raw");
                } else {
                    problems.add(v.reason() + ": Linux ignores it, the namespace reads raw");
                }
            }
        }
        return new NamespaceCheck(dev, expected.text() + " (" + mode + ") not usable", problems);
    }
}
