package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.namespaces.NamespaceException;

/**
 * The DIMM's DPA allocations as Linux keeps them ({@code ndd->dpa}, a resource tree of named,
 * non-overlapping ranges) and Linux's allocator over them, for a region of one DIMM mapping:
 * {@code scan_allocate}, {@code space_valid}, {@code scan_free} ({@code namespace_devs.c}),
 * {@code nd_pmem_available_dpa}, {@code nd_pmem_max_contiguous_dpa} ({@code dimm_devs.c}) and
 * {@code __size_store}. Each namespace owns the ranges named by its label id
 * ({@code pmem-<uuid>}, {@code nd_label_gen_id}). Not thread-safe: Linux holds the bus lock.
 */
final class DpaResources {
    /** The name Linux gives free space while it measures the largest extent. */
    static final String RESERVE = "pmem-reserve";

    /** A named range; {@code end} is inclusive, as in {@code struct resource}. */
    record Extent(String name, long start, long size) {
        long end() {
            return start + size - 1;
        }
    }

    private static final class Res {
        final String name;
        long start;
        long end;

        Res(String name, long start, long end) {
            this.name = name;
            this.start = start;
            this.end = end;
        }

        long size() {
            return end - start + 1;
        }
    }

    private enum Loc { ERR, BEFORE, MID, AFTER }

    private final long mappingStart;
    private final long mappingSize;
    private final long align;
    /** Sorted by start; Linux's sibling list. */
    private final List<Res> resources = new ArrayList<>();

    /**
     * @param mappingStart the DPA where the region's mapping starts (0 here: DPA 0 is the region's first byte)
     * @param mappingSize the mapping's size (the region's)
     * @param align the region's {@code align} divided by its mappings ({@code dpa_align}), a power of two
     */
    DpaResources(long mappingStart, long mappingSize, long align) {
        if (align <= 0 || Long.bitCount(align) != 1) {
            throw new IllegalArgumentException("region align " + align + " is not a power of two");
        }
        if (mappingStart < 0 || mappingSize <= 0 || mappingStart > Long.MAX_VALUE - mappingSize) {
            throw new IllegalArgumentException("mapping " + mappingStart + "+" + mappingSize + " is not a DPA range");
        }
        this.mappingStart = mappingStart;
        this.mappingSize = mappingSize;
        this.align = align;
    }

    /** The label id Linux names a pmem namespace's ranges with. */
    static String labelId(UUID uuid) {
        return "pmem-" + uuid;
    }

    DpaResources copy() {
        DpaResources c = new DpaResources(mappingStart, mappingSize, align);
        for (Res r : resources) {
            c.resources.add(new Res(r.name, r.start, r.end));
        }
        return c;
    }

    long align() {
        return align;
    }

    long mappingStart() {
        return mappingStart;
    }

    long mappingSize() {
        return mappingSize;
    }

    /**
     * Claims a range as {@code nd_label_reserve_dpa} does for each active label when the DIMM is
     * probed ({@code __request_region}).
     *
     * @throws NamespaceException if it overlaps a range already claimed: Linux then fails the
     *     DIMM's probe and the region has no namespaces
     */
    void reserve(String name, long start, long size) throws NamespaceException {
        if (size <= 0 || start < 0 || start > Long.MAX_VALUE - size) {
            throw new NamespaceException(name + ": dpa 0x" + Long.toHexString(start) + " size 0x" + Long.toHexString(size)
                    + " is not a DPA range");
        }
        if (!request(name, start, size)) {
            Res other = overlapping(start, start + size - 1);
            throw new NamespaceException(name + " at dpa 0x" + Long.toHexString(start) + " overlaps " + other.name
                    + " at 0x" + Long.toHexString(other.start) + ": Linux refuses the DIMM's labels (-EBUSY)");
        }
    }

    /** All ranges in DPA order. */
    List<Extent> extents() {
        List<Extent> all = new ArrayList<>(resources.size());
        for (Res r : resources) {
            all.add(new Extent(r.name, r.start, r.size()));
        }
        return all;
    }

    /** The ranges of one namespace in DPA order. */
    List<Extent> extents(String name) {
        List<Extent> mine = new ArrayList<>(1);
        for (Res r : resources) {
            if (r.name.equals(name)) {
                mine.add(new Extent(r.name, r.start, r.size()));
            }
        }
        return mine;
    }

    /** {@code nvdimm_allocated_dpa}. */
    long allocated(String name) {
        long sum = 0;
        for (Res r : resources) {
            if (r.name.equals(name)) {
                sum += r.size();
            }
        }
        return sum;
    }

    /**
     * Gives a namespace {@code size} bytes as writing its {@code size} attribute does
     * ({@code __size_store}): grows it from the free space Linux would pick, shrinks it from its end,
     * or with 0 frees it. Changes nothing when refused.
     *
     * @throws NamespaceException as Linux refuses: a size not a multiple of the region's align
     *     ({@code -EINVAL}), more than the largest free extent plus what it has ({@code -ENOSPC}),
     *     growth that cannot stay contiguous with what it has ({@code -ENXIO})
     */
    void resize(String name, long size) throws NamespaceException {
        if (size < 0) {
            throw new NamespaceException("size " + size + " is negative");
        }
        if (size % align != 0) {
            throw new NamespaceException("size " + size + " is not a multiple of the region's align " + align
                    + " (" + (align / 1024) + "K)");
        }
        long allocated = allocated(name);
        long available = maxAvailableExtent();
        if (size > available + allocated) {
            throw new NamespaceException("size " + size + " does not fit: the largest free extent is " + available
                    + (allocated > 0 ? " and the namespace has " + allocated : ""));
        }
        if (size == allocated) {
            return;
        }
        if (size < allocated) {
            scanFree(name, allocated - size);
            return;
        }
        DpaResources trial = copy();
        long rem = trial.scanAllocate(name, size - allocated);
        if (rem != 0) {
            throw new NamespaceException("cannot grow " + name + " to " + size + ": it must stay one contiguous"
                    + " extent and the space next to it is " + (allocated > 0 ? "taken" : "too small")
                    + " (allocation underrun: " + (size - allocated - rem) + " of " + (size - allocated) + " bytes)");
        }
        resources.clear();
        resources.addAll(trial.resources);
    }

    /**
     * Gives another name to a namespace's ranges, as a new uuid does ({@code namespace_update_uuid}).
     */
    void rename(String from, String to) {
        for (int i = 0; i < resources.size(); i++) {
            Res r = resources.get(i);
            if (r.name.equals(from)) {
                Res renamed = new Res(to, r.start, r.end);
                resources.set(i, renamed);
            }
        }
    }

    /** {@code available_size}: {@code nd_pmem_available_dpa}, free bytes rounded to the align. */
    long availableSize() {
        long mapEnd = mappingStart + mappingSize - 1;
        long busy = 0;
        for (Res r : resources) {
            long start = PfnPlatform.alignDown(r.start, align);
            long end = PfnPlatform.alignUp(r.end + 1, align) - 1;
            if (start >= mappingStart && start < mapEnd) {
                if (end > mapEnd) {
                    return 0; // misaligned to the interleave set
                }
                busy += end - start + 1;
            } else if (end >= mappingStart && end <= mapEnd) {
                busy += end - start + 1;
            } else if (mappingStart > start && mappingStart < end) {
                busy += mappingSize; // a range eclipsing the mapping
            }
        }
        return busy < mappingSize ? PfnPlatform.alignDown(mappingSize - busy, align) : 0;
    }

    /**
     * {@code max_available_extent}: {@code nd_pmem_max_contiguous_dpa}, which claims all free
     * space as {@link #RESERVE} with the allocator itself, then takes the largest claimed range
     * trimmed to the align, and frees the claims. When the allocator cannot claim it all ("pmem
     * reserve underrun": two ranges inside the first align block make a gap that wraps, and the
     * space after it is taken) Linux answers 0, and keeps what it did claim (here nothing can have
     * been claimed before such a gap).
     */
    long maxAvailableExtent() {
        long n = availableSize();
        if (n != 0 && scanAllocate(RESERVE, n) != 0) {
            return 0;
        }
        long max = 0;
        for (Res r : resources) {
            if (!r.name.equals(RESERVE)) {
                continue;
            }
            long start = PfnPlatform.alignUp(r.start, align);
            long end = PfnPlatform.alignDown(r.end + 1, align) - 1;
            if (Long.compareUnsigned(end, start) >= 0 && Long.compareUnsigned(end - start + 1, max) > 0) {
                max = end - start + 1;
            }
        }
        resources.removeIf(r -> r.name.equals(RESERVE)); // release_free_pmem
        return max;
    }

    /**
     * {@code scan_allocate}: takes {@code n} bytes for {@code name} from the free space in DPA
     * order, first the space before the first range, then after each range, growing an existing
     * range it is adjacent to. A pmem namespace takes a whole gap of at least {@code n} next to what
     * it has (or anywhere when it has nothing); the reserve takes every gap. Addresses are unsigned
     * 64-bit as in the kernel: a gap inside one align block trims to an end below its start, which
     * wraps to the top of the address space, so Linux sees "all the space from the next block on"
     * and tries to take it there, failing if a range is in the way.
     *
     * @return the bytes it could not allocate (0 on success)
     */
    long scanAllocate(String name, long n) {
        final long toAllocate = n;
        final long mappingEnd = mappingStart + mappingSize - 1;
        final boolean reserve = name.equals(RESERVE);
        Res exist = null;
        for (Res r : resources) {
            if (r.name.equals(name)) {
                exist = r;
            }
        }
        Range valid = new Range();
        retry:
        while (true) {
            boolean first = true;
            for (int i = 0; i < resources.size(); i++) {
                Res res = resources.get(i);
                Res next = i + 1 < resources.size() ? resources.get(i + 1) : null;
                if (Long.compareUnsigned(res.start, mappingEnd) > 0 || Long.compareUnsigned(res.end, mappingStart) < 0) {
                    continue;
                }
                boolean before = first && Long.compareUnsigned(res.start, mappingStart) > 0;
                first = false;
                if (!before && next != null && next.start == res.end + 1
                        && Long.compareUnsigned(next.start, align) >= 0) {
                    continue; // no gap, and not in the first block, where even an empty gap wraps
                }
                Loc loc = Loc.ERR;
                if (before && spaceValid(reserve, exist, n, mappingStart, res.start - 1, valid)) {
                    loc = Loc.BEFORE;
                }
                if (loc == Loc.ERR && next != null
                        && spaceValid(reserve, exist, n, res.end + 1, minUnsigned(mappingEnd, next.start - 1), valid)) {
                    loc = Loc.MID;
                }
                if (loc == Loc.ERR && next == null && spaceValid(reserve, exist, n, res.end + 1, mappingEnd, valid)) {
                    loc = Loc.AFTER;
                }
                if (loc == Loc.ERR) {
                    continue;
                }
                long allocate = minUnsigned(valid.size(), n);
                boolean ok;
                switch (loc) {
                    case BEFORE:
                        ok = res.name.equals(name) ? adjust(res, res.start - allocate, res.end) // cur grow up
                                : request(name, valid.start, allocate);
                        break;
                    case MID:
                        if (next.name.equals(name)) {
                            ok = adjust(next, next.start - allocate, next.end); // next grow up
                        } else if (res.name.equals(name)) {
                            ok = adjust(res, res.start, res.end + allocate); // grow down
                        } else {
                            ok = request(name, valid.start, allocate);
                        }
                        break;
                    default: // AFTER
                        ok = res.name.equals(name) ? adjust(res, res.start, res.end + allocate) // grow down
                                : request(name, valid.start, allocate);
                        break;
                }
                if (!ok) {
                    return n; // the range Linux picked was not free after all
                }
                n -= allocate;
                if (n == 0) {
                    return 0;
                }
                continue retry; // the new range may open more space to scan
            }
            break;
        }
        if (n == toAllocate) {
            // init_dpa_allocation: the first range of this name, at the mapping's start
            return request(name, mappingStart, n) ? 0 : n;
        }
        return n;
    }

    /** A candidate range, {@code end} inclusive. */
    private static final class Range {
        long start;
        long end;

        /** {@code resource_size}, unsigned: 0 for an empty range, and for the whole address space. */
        long size() {
            return end - start + 1;
        }
    }

    /**
     * {@code space_valid}: the free range trimmed to the align; for a namespace (not the
     * reserve) kept only if it holds all {@code n} bytes and, when the namespace has a range,
     * touches it. Sets {@code valid} (empty as end = start - 1, unsigned as the kernel's) and says
     * whether it has a size.
     */
    private boolean spaceValid(boolean reserve, Res exist, long n, long start, long end, Range valid) {
        long s = PfnPlatform.alignUp(start, align);
        long e = PfnPlatform.alignDown(end + 1, align) - 1;
        valid.start = s;
        valid.end = e;
        boolean ok = Long.compareUnsigned(s, e) < 0
                && (reserve || Long.compareUnsigned(e - s + 1, n) >= 0
                        && (exist == null || s == exist.end + 1 || e == exist.start - 1));
        if (!ok) {
            valid.end = s - 1;
        }
        return valid.size() != 0;
    }

    private static long minUnsigned(long a, long b) {
        return Long.compareUnsigned(a, b) <= 0 ? a : b;
    }

    /** {@code adjust_resource}: the new bounds, unless they wrap or run into another range. */
    private boolean adjust(Res res, long start, long end) {
        if (Long.compareUnsigned(start, end) > 0) {
            return false;
        }
        for (Res r : resources) {
            if (r != res && overlaps(r, start, end)) {
                return false;
            }
        }
        res.start = start;
        res.end = end;
        return true;
    }

    /** {@code scan_free}: releases {@code n} bytes from the namespace's last ranges. */
    private void scanFree(String name, long n) {
        while (n > 0) {
            int last = -1;
            for (int i = 0; i < resources.size(); i++) {
                if (resources.get(i).name.equals(name)) {
                    last = i;
                }
            }
            if (last < 0) {
                return;
            }
            Res res = resources.get(last);
            if (n >= res.size()) {
                n -= res.size();
                resources.remove(last);
                continue;
            }
            res.end -= n;
            return;
        }
    }

    /** {@code __request_region}: adds the range unless it wraps or overlaps one. */
    private boolean request(String name, long start, long size) {
        long end = start + size - 1;
        if (size == 0 || Long.compareUnsigned(start, end) > 0 || overlapping(start, end) != null) {
            return false;
        }
        int i = 0;
        while (i < resources.size() && Long.compareUnsigned(resources.get(i).start, start) < 0) {
            i++;
        }
        resources.add(i, new Res(name, start, end));
        return true;
    }

    private Res overlapping(long start, long end) {
        for (Res r : resources) {
            if (overlaps(r, start, end)) {
                return r;
            }
        }
        return null;
    }

    private static boolean overlaps(Res r, long start, long end) {
        return Long.compareUnsigned(r.start, end) <= 0 && Long.compareUnsigned(start, r.end) <= 0;
    }
}
