package dev.ocxlpmem.namespaces;

import java.util.List;

/**
 * What {@code check-namespace} found: on a sector namespace what ndctl's BTT check finds; on a raw,
 * fsdax or devdax namespace whether Linux would take its info block ({@code nd_pfn_validate}) as
 * its label says it should.
 *
 * @param dev {@code namespaceR.M}
 * @param found what is there, e.g. {@code NVDIMM_PFN_INFO (fsdax) valid: dataoff 0x400000,
 *     npfns 31744, align 0x200000}, or {@code no info block (raw)}
 * @param problems what Linux would refuse or misread (after a repair: what it did not fix); empty
 *     when the namespace is consistent
 * @param repaired what {@code --repair} fixed (a BTT's), persisted
 */
public record NamespaceCheck(String dev, String found, List<String> problems, List<String> repaired) {
    public NamespaceCheck {
        problems = List.copyOf(problems);
        repaired = List.copyOf(repaired);
    }

    /** A check that repaired nothing. */
    public NamespaceCheck(String dev, String found, List<String> problems) {
        this(dev, found, problems, List.of());
    }

    public boolean consistent() {
        return problems.isEmpty();
    }
}
