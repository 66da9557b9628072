package dev.ocxlpmem.namespaces.internal;

/**
 * The free gaps of a DIMM's DPA space, by start address, each node also knowing the largest gap
 * below it: the lowest-addressed gap of at least {@code n} bytes (Linux's first fit) and the
 * largest gap are found in O(log n), however many namespaces there are. A treap (a binary search
 * tree by start, balanced by random priorities); gaps never overlap. Not thread-safe.
 */
final class GapIndex {
    private static final class Node {
        final long start;
        final long size;
        final int priority;
        Node left;
        Node right;
        /** The largest size in this subtree. */
        long max;

        Node(long start, long size, int priority) {
            this.start = start;
            this.size = size;
            this.priority = priority;
            this.max = size;
        }

        Node update() {
            long m = size;
            if (left != null && left.max > m) {
                m = left.max;
            }
            if (right != null && right.max > m) {
                m = right.max;
            }
            max = m;
            return this;
        }
    }

    private Node root;
    private int count;
    private int seed = 0x2545F491;

    int count() {
        return count;
    }

    /** Adds the gap {@code [start, start + size)}; none may start there already. */
    void add(long start, long size) {
        if (size <= 0) {
            throw new IllegalArgumentException("a gap of " + size + " bytes");
        }
        Node[] lr = split(root, start);
        if (lr[1] != null && first(lr[1]).start == start) {
            root = merge(lr[0], lr[1]);
            throw new IllegalStateException("a gap already starts at 0x" + Long.toHexString(start));
        }
        root = merge(merge(lr[0], new Node(start, size, nextPriority())), lr[1]);
        count++;
    }

    /** Removes the gap that starts at {@code start}; returns its size, or -1 if there is none. */
    long remove(long start) {
        Node[] lr = split(root, start);
        Node[] mr = split(lr[1], start + 1);
        long size = mr[0] == null ? -1 : mr[0].size;
        if (mr[0] != null) {
            count--;
        }
        root = merge(lr[0], mr[1]);
        return size;
    }

    /** The size of the gap starting at {@code start}, or -1. */
    long sizeAt(long start) {
        Node t = root;
        while (t != null) {
            if (start == t.start) {
                return t.size;
            }
            t = start < t.start ? t.left : t.right;
        }
        return -1;
    }

    /** The start of the last gap starting at or before {@code at}, or -1 if none does. */
    long floor(long at) {
        long found = -1;
        Node t = root;
        while (t != null) {
            if (t.start <= at) {
                found = t.start;
                t = t.right;
            } else {
                t = t.left;
            }
        }
        return found;
    }

    /** The start of the lowest-addressed gap of at least {@code n} bytes, or -1. */
    long firstFit(long n) {
        Node t = root;
        while (t != null) {
            if (t.left != null && t.left.max >= n) {
                t = t.left;
            } else if (t.size >= n) {
                return t.start;
            } else if (t.right != null && t.right.max >= n) {
                t = t.right;
            } else {
                return -1;
            }
        }
        return -1;
    }

    /** The largest gap's size, 0 when there is none. */
    long largest() {
        return root == null ? 0 : root.max;
    }

    private static Node first(Node t) {
        while (t.left != null) {
            t = t.left;
        }
        return t;
    }

    /** [nodes below key, nodes at or above key]. */
    private static Node[] split(Node t, long key) {
        if (t == null) {
            return new Node[2];
        }
        if (t.start < key) {
            Node[] r = split(t.right, key);
            t.right = r[0];
            r[0] = t.update();
            return r;
        }
        Node[] l = split(t.left, key);
        t.left = l[1];
        l[1] = t.update();
        return l;
    }

    /** Every key of {@code a} is below every key of {@code b}. */
    private static Node merge(Node a, Node b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        if (a.priority > b.priority) {
            a.right = merge(a.right, b);
            return a.update();
        }
        b.left = merge(a, b.left);
        return b.update();
    }

    private int nextPriority() {
        // xorshift: deterministic, so that a run can be replayed
        int x = seed;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        seed = x;
        return x;
    }
}
