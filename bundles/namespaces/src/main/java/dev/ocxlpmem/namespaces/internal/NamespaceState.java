package dev.ocxlpmem.namespaces.internal;

import dev.ocxlpmem.namespaces.NamespaceListing;

/**
 * A namespace of an enabled region: what its label says, what claims it, whether it is enabled.
 */
record NamespaceState(LabelNamespace ns, Claim claim, boolean enabled) {

    /** Enabled as Linux enables it when the region enables: unless its claim is refused. */
    static NamespaceState probed(LabelNamespace ns, Claim claim) {
        return new NamespaceState(ns, claim, ns.size() > 0 && claim.enables());
    }

    NamespaceListing listing(int region) {
        return claim.listing(region, ns, enabled);
    }
}
