package dev.ocxlpmem.namespaces.internal;

import java.util.BitSet;

/**
 * Which {@code namespaceR.M} numbers a labeled region has and which one is its seed, the
 * unconfigured namespace a create fills, as Linux keeps them while the region is enabled:
 * <ul>
 * <li>enabling the region numbers the labeled namespaces 0, 1, ... in start-address order and makes
 * namespace 0 the seed; when it enables, the seed moves to a new namespace with the lowest free
 * number ({@code nd_region_register_namespaces}, {@code nd_region_advance_seeds}); without labels
 * the seed is an empty {@code namespaceR.0};</li>
 * <li>{@code ndctl create-namespace} fills namespace 0 if it is idle, else the seed
 * ({@code region_get_namespace}); once that namespace enables, a seed it was moves on;</li>
 * <li>destroying a namespace (size 0) removes it and frees its number, unless it is namespace 0 or
 * the seed, which stay as empty namespaces ({@code __size_store}).</li>
 * </ul>
 * Numbers are not stored anywhere: re-enabling the region renumbers. Not thread-safe.
 */
final class NamespaceIds {
    private final BitSet present = new BitSet();
    private final BitSet configured = new BitSet();
    private int seed;

    /**
     * The numbers after the region enables with {@code count} labeled namespaces, all of which
     * Linux enables.
     */
    static NamespaceIds atEnable(int count) {
        NamespaceIds ids = new NamespaceIds();
        if (count == 0) {
            ids.present.set(0);
            ids.seed = 0;
            return ids;
        }
        ids.present.set(0, count);
        ids.configured.set(0, count);
        ids.seed = 0;
        ids.advanceSeed();
        return ids;
    }

    int seed() {
        return seed;
    }

    boolean present(int id) {
        return present.get(id);
    }

    boolean configured(int id) {
        return configured.get(id);
    }

    /** The namespace a create fills: 0 if idle, else the seed. */
    int forCreate() {
        if (present.get(0) && !configured.get(0)) {
            return 0;
        }
        return seed;
    }

    /** {@code id} got a size and was enabled. */
    void created(int id) {
        if (!present.get(id) || configured.get(id)) {
            throw new IllegalStateException("namespace " + id + " is not an idle namespace");
        }
        configured.set(id);
        if (id == seed) {
            advanceSeed();
        }
    }

    /** {@code id} got size 0. */
    void destroyed(int id) {
        if (!configured.get(id)) {
            throw new IllegalStateException("namespace " + id + " is not configured");
        }
        configured.clear(id);
        if (id != 0 && id != seed) {
            present.clear(id);
        }
    }

    private void advanceSeed() {
        int next = present.nextClearBit(0);
        present.set(next);
        seed = next;
    }
}
