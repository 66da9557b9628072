package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.namespaces.NamespaceException;

/**
 * What Linux makes of a single-DIMM pmem region's labels when the region is enabled: the DIMM's
 * DPA reservations ({@code nd_label_reserve_dpa}, {@code label.c}), then the namespaces
 * ({@code scan_labels}, {@code create_namespace_pmem}, {@code has_uuid_at_pos},
 * {@code select_pmem_id}, {@code namespace_devs.c}), numbered as {@code nd_region_register_namespaces}
 * numbers them.
 *
 * @param kind whether Linux sees labels, no labels, or fails to enable the region
 * @param namespaces the namespaces in id order; for a labeled region without namespaces the
 *     zero-sized seed {@code namespaceR.0}
 * @param dpa the DIMM's DPA reservations (every active label's range, its cookie right or not);
 *     {@code null} for a label-less region. A failed region keeps them: Linux still lists its
 *     {@code available_size} and {@code max_available_extent}
 * @param reason why the region is label-less or failed ({@code null} for a labeled one)
 */
record RegionScan(Kind kind, List<LabelNamespace> namespaces, DpaResources dpa, String reason) {

    enum Kind {
        /** Labels describe the namespaces. */
        LABELED,
        /** No labels Linux can use: one raw namespace spanning the region ({@code ND_DEVICE_NAMESPACE_IO}). */
        LABEL_LESS,
        /** Linux refuses the labels and the region does not enable: no namespaces at all. */
        FAILED
    }

    /**
     * The region's facts the scan depends on.
     *
     * @param regionId the {@code R} of {@code regionR}
     * @param base the region's physical address: namespace starts and PFN arithmetic use it; any
     *     multiple of 1 GiB (QEMU puts its NVDIMM at 4 GiB) gives the same results as 0
     * @param size the region's size, which is also its DIMM mapping's size
     * @param align the region's {@code align} (16 MiB, Linux's {@code default_align})
     * @param cookie1 the interleave-set cookie v1.1 labels must carry
     * @param cookie2 the cookie v1.2 labels must carry
     * @param altCookie the alternative cookie Linux also accepts (0 when the provider sets none)
     */
    record Region(int regionId, long base, long size, long align, long cookie1, long cookie2, long altCookie) {
        /** The cookie for labels of {@code version} ({@code nd_region_interleave_set_cookie}). */
        long cookie(LabelVersion version) {
            return version == LabelVersion.V1_1 ? cookie1 : cookie2;
        }
    }

    List<LabelNamespace> configured() {
        return namespaces.stream().filter(n -> n.size() > 0).toList();
    }

    /**
     * @param labels the active labels in slot order, as the labels bundle reads them
     * @param version the label area's version, {@code null} when it has no valid index block
     */
    static RegionScan scan(List<NamespaceLabel> labels, LabelVersion version, Region region) {
        if (version == null) {
            return labelLess(region, "the label area has no valid index block");
        }
        DpaResources dpa = new DpaResources(0, region.size(), region.align());
        for (NamespaceLabel l : labels) {
            try {
                dpa.reserve(labelId(l), l.dpa(), l.rawSize());
            } catch (NamespaceException e) {
                // nvdimm_probe fails, the DIMM is not labeling, the region is label-less
                return labelLess(region, e.getMessage());
            }
        }
        long cookie = region.cookie(version);
        long mapEnd = region.size() - 1;
        List<NamespaceLabel> found = new ArrayList<>();
        for (NamespaceLabel l : labels) {
            if (l.dpa() < 0 || l.dpa() > mapEnd) {
                continue; // an extent outside the region
            }
            for (NamespaceLabel f : found) {
                if (f.uuid().equals(l.uuid())) {
                    return failed("conflicting extents for uuid: " + l.uuid(), dpa);
                }
            }
            if (cookie == 0) {
                return failed("invalid interleave-set-cookie: the region's cookie is 0 (a card serial of 0 cannot hold labels)",
                        dpa);
            }
            if (l.isetCookie() != cookie && l.isetCookie() != region.altCookie()) {
                continue; // a label of another interleave set: skipped (its DPA stays reserved)
            }
            String missing = labelAtPosition0(labels, l.uuid(), cookie, region.altCookie(), version);
            if (missing != null) {
                return failed("nmem missing label for " + l.uuid() + ": " + missing, dpa);
            }
            if (l.dpaEnd() > region.size() || l.dpaEnd() <= 0) {
                return failed("invalid label for " + l.uuid() + ": dpa 0x" + Long.toHexString(l.dpa()) + " size 0x"
                        + Long.toHexString(l.rawSize()) + " ends past the region's 0x" + Long.toHexString(region.size()),
                        dpa);
            }
            found.add(l);
        }
        if (found.isEmpty()) {
            return new RegionScan(Kind.LABELED, List.of(seed(region)), dpa, null);
        }
        List<LabelNamespace> namespaces = new ArrayList<>(found.size());
        found.sort(Comparator.comparing((NamespaceLabel l) -> region.base() + firstExtent(dpa, l), RegionScan::memcmpLe));
        for (NamespaceLabel l : found) {
            long start = region.base() + firstExtent(dpa, l);
            namespaces.add(new LabelNamespace(namespaces.size(), l.uuid(), l.name(), l.lbaSize(), ClaimClass.of(l),
                    l.dpa(), l.rawSize(), start));
        }
        return new RegionScan(Kind.LABELED, List.copyOf(namespaces), dpa, null);
    }

    /**
     * {@code has_uuid_at_pos} for position 0 of a one-DIMM set, with the cookie and then the
     * alternative cookie: a single label of this uuid, cookie and (v1.2) the pmem type GUID, with
     * {@code nlabel} 1 and position 0. Returns why there is none, or {@code null}.
     */
    private static String labelAtPosition0(List<NamespaceLabel> labels, UUID uuid, long cookie, long altCookie,
            LabelVersion version) {
        String first = atPosition0(labels, uuid, cookie, version);
        if (first == null) {
            return null;
        }
        String alt = atPosition0(labels, uuid, altCookie, version);
        return alt == null ? null : first;
    }

    private static String atPosition0(List<NamespaceLabel> labels, UUID uuid, long cookie, LabelVersion version) {
        boolean seen = false;
        String why = "no label with cookie 0x" + Long.toHexString(cookie)
                + (version == LabelVersion.V1_2 ? " and the pmem type GUID" : "");
        for (NamespaceLabel l : labels) {
            if (l.isetCookie() != cookie || !l.uuid().equals(uuid)) {
                continue;
            }
            if (version == LabelVersion.V1_2 && !NamespaceLabel.PMEM_TYPE_GUID.equals(l.typeGuid())) {
                continue;
            }
            if (seen) {
                return "duplicate entry for uuid";
            }
            seen = true;
            if (l.nlabel() != 1) {
                why = "nlabel " + l.nlabel() + " is not the region's 1 mapping";
                continue;
            }
            if (l.position() != 0) {
                why = "position " + l.position() + " is not 0";
                continue;
            }
            return null;
        }
        return why;
    }

    /** {@code nd_namespace_pmem_set_resource}: the offset of the namespace's first DPA range. */
    private static long firstExtent(DpaResources dpa, NamespaceLabel l) {
        return dpa.extents(labelId(l)).get(0).start() - dpa.mappingStart();
    }

    /** {@code nd_label_gen_id}: local (blk) labels are named {@code blk-<uuid>}. */
    static String labelId(NamespaceLabel l) {
        return (l.flags() & NamespaceLabel.LOCAL) != 0 ? "blk-" + l.uuid() : DpaResources.labelId(l.uuid());
    }

    /**
     * {@code cmp_dpa} compares the 64-bit start addresses with {@code memcmp}: on a little-endian
     * host the lowest byte decides first. Starts that are multiples of 16 MiB below 4 GiB of the base
     * sort as numbers; others need not.
     */
    static int memcmpLe(long a, long b) {
        for (int i = 0; i < 8; i++) {
            int x = (int) (a >>> (8 * i)) & 0xff;
            int y = (int) (b >>> (8 * i)) & 0xff;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    private static LabelNamespace seed(Region region) {
        return new LabelNamespace(0, null, "", 0, ClaimClass.NONE, 0, 0, region.base());
    }

    private static RegionScan labelLess(Region region, String reason) {
        LabelNamespace io = new LabelNamespace(0, null, "", 0, ClaimClass.NONE, 0, region.size(), region.base());
        return new RegionScan(Kind.LABEL_LESS, List.of(io), null, reason);
    }

    private static RegionScan failed(String reason, DpaResources dpa) {
        return new RegionScan(Kind.FAILED, List.of(), dpa, reason);
    }
}
