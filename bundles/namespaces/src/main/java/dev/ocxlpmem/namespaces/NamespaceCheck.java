package dev.ocxlpmem.namespaces;

import java.util.List;

/**
 * What {@code check-namespace} found on a raw, fsdax or devdax namespace: whether Linux would take
 * its info block ({@code nd_pfn_validate}) as its label says it should.
 *
 * @param dev {@code namespaceR.M}
 * @param found what is there, e.g. {@code NVDIMM_PFN_INFO (fsdax) valid: dataoff 0x400000,
 *     npfns 31744, align 0x200000}, or {@code no info block (raw)}
 * @param problems what Linux would refuse or misread; empty when the namespace is consistent
 */
public record NamespaceCheck(String dev, String found, List<String> problems) {
    public NamespaceCheck {
        problems = List.copyOf(problems);
    }

    public boolean consistent() {
        return problems.isEmpty();
    }
}
