package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import dev.ocxlpmem.namespaces.NamespaceException;

/**
 * The DIMM's DPA allocations as Linux keeps them ({@code ndd->dpa}, a resource tree of named,
 * non-overlapping ranges) and Linux's allocator over them, for a region of one DIMM mapping:
 * {@code scan_allocate}, {@code space_valid}, {@code scan_free} ({@code namespace_devs.c}),
 * {@code nd_pmem_available_dpa}, {@code nd_pmem_max_contiguous_dpa} ({@code dimm_devs.c}) and
 * {@code __size_store}. Each namespace owns the ranges named by its label id
 * ({@code pmem-<uuid>}, {@code nd_label_gen_id}). Not thread-safe: Linux holds the bus lock.
 *
 * <p>Linux scans every range for each of these; here the usual case costs the same with one
 * namespace or thousands. While every range lies on the region's align inside the mapping (what
 * Linux and this code create), free space is kept in a {@link GapIndex}: a new namespace goes to
 * the lowest-addressed gap that holds it, which is where Linux's scan puts it, and the largest
 * extent and the free space are read off the index. Ranges off the align (labels written
 * elsewhere), and growing a namespace that already has space, take Linux's own scan.
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
        String name;
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
    private final boolean indexed;
    /** Sorted by start (unsigned); Linux's sibling list. */
    private final TreeMap<Long, Res> ranges = new TreeMap<>(Long::compareUnsigned);
    /** Each name's ranges in DPA order. */
    private final Map<String, List<Res>> names = new HashMap<>();
    /** How many ranges are off the align or not inside the mapping: the index below is kept only when none is. */
    private int irregular;
    /** Bytes of the regular ranges. */
    private long regularBytes;
    /** The free gaps trimmed to the align, while every range is regular; null until needed again. */
    private GapIndex gaps;

    /**
     * @param mappingStart the DPA where the region's mapping starts (0 here: DPA 0 is the region's first byte)
     * @param mappingSize the mapping's size (the region's)
     * @param align the region's {@code align} divided by its mappings ({@code dpa_align}), a power of two
     */
    DpaResources(long mappingStart, long mappingSize, long align) {
        this(mappingStart, mappingSize, align, true);
    }

    /** Without the gap index: Linux's scan for everything (the reference the index is tested against). */
    static DpaResources scanOnly(long mappingStart, long mappingSize, long align) {
        return new DpaResources(mappingStart, mappingSize, align, false);
    }

    private DpaResources(long mappingStart, long mappingSize, long align, boolean indexed) {
        if (align <= 0 || Long.bitCount(align) != 1) {
            throw new IllegalArgumentException("region align " + align + " is not a power of two");
        }
        if (mappingStart < 0 || mappingSize <= 0 || mappingStart > Long.MAX_VALUE - mappingSize) {
            throw new IllegalArgumentException("mapping " + mappingStart + "+" + mappingSize + " is not a DPA range");
        }
        this.mappingStart = mappingStart;
        this.mappingSize = mappingSize;
        this.align = align;
        this.indexed = indexed;
        if (!indexed || !PfnPlatform.isAligned(mappingStart, align)) {
            irregular = 1; // no range can be regular: Linux's scan for everything
        }
    }

    /** The label id Linux names a pmem namespace's ranges with. */
    static String labelId(UUID uuid) {
        return "pmem-" + uuid;
    }

    DpaResources copy() {
        DpaResources c = new DpaResources(mappingStart, mappingSize, align, indexed);
        for (Res r : ranges.values()) {
            c.insert(new Res(r.name, r.start, r.end));
        }
        return c;
    }

    /** Takes the ranges of {@code other}, a trial copy of this one. */
    private void adopt(DpaResources other) {
        for (Res r : List.copyOf(ranges.values())) {
            remove(r);
        }
        for (Res r : other.ranges.values()) {
            insert(new Res(r.name, r.start, r.end));
        }
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
            Res other = overlapping(start, start + size - 1, null);
            throw new NamespaceException(name + " at dpa 0x" + Long.toHexString(start) + " overlaps " + other.name
                    + " at 0x" + Long.toHexString(other.start) + ": Linux refuses the DIMM's labels (-EBUSY)");
        }
    }

    /** All ranges in DPA order. */
    List<Extent> extents() {
        List<Extent> all = new ArrayList<>(ranges.size());
        for (Res r : ranges.values()) {
            all.add(new Extent(r.name, r.start, r.size()));
        }
        return all;
    }

    /** The ranges of one namespace in DPA order. */
    List<Extent> extents(String name) {
        List<Extent> mine = new ArrayList<>(1);
        for (Res r : names.getOrDefault(name, List.of())) {
            mine.add(new Extent(r.name, r.start, r.size()));
        }
        return mine;
    }

    /** {@code nvdimm_allocated_dpa}. */
    long allocated(String name) {
        long sum = 0;
        for (Res r : names.getOrDefault(name, List.of())) {
            sum += r.size();
        }
        return sum;
    }

    /**
     * Where {@link #resize} would put a namespace of {@code size} bytes that has none yet, without
     * changing anything: the DPA it would start at.
     *
     * @throws NamespaceException as resize refuses it
     */
    long placement(String name, long size) throws NamespaceException {
        if (allocated(name) == 0 && size > 0 && size % align == 0 && regular()
                && size <= gaps().largest()) {
            return gaps().firstFit(size);
        }
        DpaResources trial = copy();
        trial.resize(name, size);
        return trial.extents(name).get(0).start();
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
        if (allocated == 0 && regular()) {
            // what scan_allocate finds for a namespace without space: the first gap that holds it
            long start = gaps().firstFit(size);
            if (start >= 0 && request(name, start, size)) {
                return;
            }
        }
        DpaResources trial = copy();
        long rem = trial.scanAllocate(name, size - allocated);
        if (rem != 0) {
            throw new NamespaceException("cannot grow " + name + " to " + size + ": it must stay one contiguous"
                    + " extent and the space next to it is " + (allocated > 0 ? "taken" : "too small")
                    + " (allocation underrun: " + (size - allocated - rem) + " of " + (size - allocated) + " bytes)");
        }
        adopt(trial);
    }

    /**
     * Gives another name to a namespace's ranges, as a new uuid does ({@code namespace_update_uuid}).
     */
    void rename(String from, String to) {
        List<Res> moved = names.remove(from);
        if (moved == null) {
            return;
        }
        for (Res r : moved) {
            r.name = to;
        }
        List<Res> existing = names.get(to);
        if (existing == null) {
            names.put(to, moved);
        } else {
            existing.addAll(moved);
            existing.sort((a, b) -> Long.compareUnsigned(a.start, b.start));
        }
    }

    /** {@code available_size}: {@code nd_pmem_available_dpa}, free bytes rounded to the align. */
    long availableSize() {
        if (regular()) {
            return regularBytes < mappingSize ? PfnPlatform.alignDown(mappingSize - regularBytes, align) : 0;
        }
        long mapEnd = mappingStart + mappingSize - 1;
        long busy = 0;
        for (Res r : ranges.values()) {
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
        if (regular()) {
            return gaps().largest(); // the reserve would take each gap whole
        }
        long n = availableSize();
        if (n != 0 && scanAllocate(RESERVE, n) != 0) {
            return 0;
        }
        long max = 0;
        for (Res r : names.getOrDefault(RESERVE, List.of())) {
            long start = PfnPlatform.alignUp(r.start, align);
            long end = PfnPlatform.alignDown(r.end + 1, align) - 1;
            if (Long.compareUnsigned(end, start) >= 0 && Long.compareUnsigned(end - start + 1, max) > 0) {
                max = end - start + 1;
            }
        }
        for (Res r : List.copyOf(names.getOrDefault(RESERVE, List.of()))) {
            remove(r); // release_free_pmem
        }
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
        List<Res> mine = names.getOrDefault(name, List.of());
        Res exist = mine.isEmpty() ? null : mine.get(mine.size() - 1);
        Range valid = new Range();
        retry:
        while (true) {
            List<Res> resources = new ArrayList<>(ranges.values());
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
        if (Long.compareUnsigned(start, end) > 0 || overlapping(start, end, res) != null) {
            return false;
        }
        remove(res);
        res.start = start;
        res.end = end;
        insert(res);
        return true;
    }

    /** {@code scan_free}: releases {@code n} bytes from the namespace's last ranges. */
    private void scanFree(String name, long n) {
        while (n > 0) {
            List<Res> mine = names.get(name);
            if (mine == null) {
                return;
            }
            Res res = mine.get(mine.size() - 1);
            if (n >= res.size()) {
                n -= res.size();
                remove(res);
                continue;
            }
            remove(res);
            res.end -= n;
            insert(res);
            return;
        }
    }

    /** {@code __request_region}: adds the range unless it wraps or overlaps one. */
    private boolean request(String name, long start, long size) {
        long end = start + size - 1;
        if (size == 0 || Long.compareUnsigned(start, end) > 0 || overlapping(start, end, null) != null) {
            return false;
        }
        insert(new Res(name, start, end));
        return true;
    }

    /** A range other than {@code except} that meets [start, end]: ranges are disjoint, so only those just below end. */
    private Res overlapping(long start, long end, Res except) {
        for (Map.Entry<Long, Res> e = ranges.floorEntry(end); e != null; e = ranges.lowerEntry(e.getKey())) {
            Res r = e.getValue();
            if (Long.compareUnsigned(r.end, start) < 0) {
                return null;
            }
            if (r != except) {
                return r;
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ the ranges and their index

    private boolean regular() {
        return irregular == 0;
    }

    /** Whether every range lies on the align inside the mapping (what Linux and this code create). */
    boolean onAlign() {
        return regular();
    }

    /** Whether a range lies on the align, inside the mapping. */
    private boolean regular(Res r) {
        long mappingEnd = mappingStart + mappingSize - 1;
        return PfnPlatform.isAligned(r.start, align) && PfnPlatform.isAligned(r.end + 1, align)
                && Long.compareUnsigned(r.start, mappingStart) >= 0 && Long.compareUnsigned(r.end, mappingEnd) <= 0
                && Long.compareUnsigned(r.start, r.end) <= 0;
    }

    /** The gap index, rebuilt from the ranges when it was dropped. */
    private GapIndex gaps() {
        if (gaps == null) {
            GapIndex g = new GapIndex();
            long at = mappingStart;
            for (Res r : ranges.values()) {
                if (r.start > at) {
                    g.add(at, r.start - at);
                }
                at = r.end + 1;
            }
            long top = PfnPlatform.alignDown(mappingStart + mappingSize, align);
            if (top > at) {
                g.add(at, top - at);
            }
            gaps = g;
        }
        return gaps;
    }

    private void insert(Res r) {
        ranges.put(r.start, r);
        List<Res> mine = names.computeIfAbsent(r.name, k -> new ArrayList<>(1));
        int i = mine.size();
        while (i > 0 && Long.compareUnsigned(mine.get(i - 1).start, r.start) > 0) {
            i--;
        }
        mine.add(i, r);
        if (!regular(r)) {
            irregular++;
            gaps = null;
        } else {
            regularBytes += r.size();
            if (gaps != null && regular()) {
                // the range lies inside one gap: what is left of it on either side stays free
                long gap = gaps.floor(r.start);
                long gapEnd = gap < 0 ? -1 : gap + gaps.remove(gap);
                if (gapEnd < r.end + 1) {
                    throw new IllegalStateException(r.name + " at 0x" + Long.toHexString(r.start)
                            + " is not inside a free gap");
                }
                if (r.start > gap) {
                    gaps.add(gap, r.start - gap);
                }
                if (r.end + 1 < gapEnd) {
                    gaps.add(r.end + 1, gapEnd - r.end - 1);
                }
            }
        }
    }

    private void remove(Res r) {
        ranges.remove(r.start);
        List<Res> mine = names.get(r.name);
        mine.remove(r);
        if (mine.isEmpty()) {
            names.remove(r.name);
        }
        if (!regular(r)) {
            irregular--;
            gaps = null;
        } else {
            regularBytes -= r.size();
            if (gaps != null && regular()) {
                // the range joins the gaps on either side of it
                long start = r.start;
                long end = r.end + 1;
                long before = gaps.floor(start - 1);
                if (before >= 0 && before + gaps.sizeAt(before) == start) {
                    gaps.remove(before);
                    start = before;
                }
                long after = gaps.sizeAt(end);
                if (after > 0) {
                    gaps.remove(end);
                    end += after;
                }
                gaps.add(start, end - start);
            }
        }
    }
}
