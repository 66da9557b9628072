package dev.ocxlpmem.namespaces.internal;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.NamespaceOptions.MapLocation;
import dev.ocxlpmem.namespaces.NamespaceOptions.Size;

/**
 * The rules {@code ndctl create-namespace} and Linux apply to a create or a reconfigure, in their
 * order, with their messages (ndctl v76 {@code ndctl/namespace.c}: {@code set_defaults},
 * {@code validate_namespace_options}, {@code validate_available_capacity},
 * {@code namespace_prep_reconfig}, {@code setup_namespace}, {@code check_dax_align}; Linux
 * {@code __size_store}, {@code namespace_update_uuid}, {@code nd_pfn_init}). Where Linux would fail
 * half-way (a uuid or size refused after the info block was cleared) these rules refuse up front,
 * so a refused request changes nothing. One deliberate difference: {@code --map=mem} is refused,
 * since page metadata in host memory is not something this product can provide.
 */
final class CreateRules {
    /** ndctl refuses fsdax, devdax and sector namespaces below 16 MiB (as Linux's claim does). */
    static final long MIN_CLAIMED_SIZE = 16L << 20;
    /** {@code check_dax_align}: fsdax and devdax namespaces start on 16 MiB. */
    static final long DAX_START_ALIGN = 16L << 20;
    /** {@code pmem_lbasize_supported}. */
    static final List<Long> NAMESPACE_SECTOR_SIZES = List.of(512L, 4096L);
    /** {@code btt_lbasize_supported} ({@code btt_devs.c}). */
    static final List<Long> BTT_SECTOR_SIZES = List.of(512L, 520L, 528L, 4096L, 4104L, 4160L, 4224L);
    /** {@code NSLABEL_NAME_LEN} minus the NUL. */
    static final int MAX_NAME_BYTES = 63;

    private CreateRules() {
    }

    /** The options after ndctl's {@code set_defaults}, nothing checked against the region yet. */
    private record Defaulted(NamespaceMode mode, Size size, Long align, UUID uuid, Long sectorSize) {
    }

    /**
     * A new namespace, as {@code ndctl create-namespace} without {@code -e} makes it.
     *
     * @param target the number of the namespace it fills ({@link NamespaceIds#forCreate()})
     * @param uuids where new uuids come from (Linux: {@code uuid_generate})
     */
    static NamespacePlan create(NamespaceOptions o, RegionView r, int target, Supplier<UUID> uuids)
            throws NamespaceException {
        Defaulted p = defaults(o, true);
        String region = r.dev();
        long available = r.labelLess() ? r.region().size() : r.maxAvailableExtent();
        long size = p.size() != null ? p.size().bytes() : 0;
        if (available == 0 || size > available) {
            // with no option at all ndctl retries on blk regions, and reports that none exists
            String error = o.equals(NamespaceOptions.none()) ? "No such device or address" : "No space left on device";
            throw new NamespaceException("failed to create namespace: " + error + ": " + region
                    + (size > 0 ? " has no free extent of " + size + " bytes" : " has no free space")
                    + " (its largest is " + available + ")");
        }
        if (size == 0) {
            size = available; // -s defaults to the largest free extent
        }
        if (r.labelLess()) {
            return labelLessCreate(o, p, r, size, uuids);
        }
        UUID labelUuid = p.uuid() != null ? p.uuid() : uuids.get();
        String name = name(o.name(), "");
        NamespaceMode mode = p.mode();
        long align = align(p, mode, r, null);
        checkSize(region, size, r.region().align(), align, p.size(), mode);
        long sectorSize = sectorSize(region, p, mode, null);
        Optional<String> holder = r.uuidHolder(labelUuid, null);
        if (holder.isPresent()) {
            throw new NamespaceException("uuid " + labelUuid + " is in use by " + holder.get()
                    + ": Linux refuses it (set_uuid failed: Invalid argument)");
        }
        long dpa = r.dpa().placement(DpaResources.labelId(labelUuid), size);
        String dev = NamespaceNames.namespace(r.region().regionId(), target);
        return plan(target, dev, mode, labelUuid, name, dpa, size, lbaSize(sectorSize, 0), align, sectorSize,
                false, false, o.force(), r, uuids);
    }

    /**
     * A namespace reconfigured, as {@code ndctl create-namespace -e} does it: unless given, the
     * size, name, mode, alignment and sector size carry over; the label gets a new uuid unless
     * {@code -u} names one; its first 8 KiB are cleared before the new claim is written.
     */
    static NamespacePlan reconfigure(NamespaceOptions o, RegionView r, NamespaceState target, Supplier<UUID> uuids)
            throws NamespaceException {
        Defaulted p = defaults(o, false);
        LabelNamespace ns = target.ns();
        String dev = NamespaceNames.namespace(r.region().regionId(), ns.id());
        String region = r.dev();
        if (ns.size() == 0) {
            throw new NamespaceException(dev + " is not configured: create a namespace instead of reconfiguring one");
        }
        long size = p.size() != null ? p.size().bytes() : ns.size();
        if (r.labelLess() && size != r.region().size()) {
            throw labelLessSubdivide();
        }
        NamespaceMode current = target.enabled() ? target.claim().mode() : NamespaceMode.RAW;
        NamespaceMode mode = p.mode() != null ? p.mode() : current;
        String name = name(o.name(), ns.name());
        long align = align(p, mode, r, mode == current ? target : null);
        checkSize(region, size, r.region().align(), align, p.size(), mode);
        long sectorSize = sectorSize(region, p, mode, target);
        if (o.map() != null && mode != NamespaceMode.FSDAX && mode != NamespaceMode.DEVDAX) {
            throw new NamespaceException(dev + ": --map= only valid for fsdax mode namespace");
        }
        if (target.enabled() && !o.force()) {
            throw new NamespaceException(dev + " is active, specify --force for re-configuration");
        }
        if (r.labelLess()) {
            if (o.autolabel()) {
                // ndctl's enable_labels: a v1.2 label area, then the region's whole size in the new seed
                UUID labelUuid = p.uuid() != null ? p.uuid() : uuids.get();
                DpaResources after = new DpaResources(0, r.region().size(), r.region().align());
                after.resize(DpaResources.labelId(labelUuid), size);
                return plan(0, dev, mode, labelUuid, name, after.extents(DpaResources.labelId(labelUuid)).get(0).start(),
                        size, lbaSize(sectorSize, 0), align, sectorSize, true, true, o.force(), r, uuids);
            }
            refuseLabelLessName(o);
            return plan(ns.id(), dev, mode, null, "", 0, size, 0, align, sectorSize, false, true, o.force(), r, uuids);
        }
        UUID labelUuid = p.uuid() != null ? p.uuid() : uuids.get();
        Optional<String> holder = r.uuidHolder(labelUuid, ns);
        if (holder.isPresent()) {
            throw new NamespaceException(dev + ": uuid " + labelUuid + " is in use by " + holder.get()
                    + ": Linux refuses it (set_uuid failed: Invalid argument)");
        }
        DpaResources after = r.dpa().copy();
        String newId = DpaResources.labelId(labelUuid);
        after.rename(DpaResources.labelId(ns.labelUuid()), newId);
        try {
            after.resize(newId, size);
        } catch (NamespaceException e) {
            throw new NamespaceException(dev + ": set_size failed: " + e.getMessage());
        }
        if (after.extents(newId).size() != 1) {
            // scan_allocate's init_dpa_allocation takes a second range at the mapping's start when
            // nothing next to the namespace is free; a label (and Linux's own) holds one range only
            throw new NamespaceException(dev + ": set_size failed: " + size + " bytes would take a second, separate"
                    + " extent; a namespace grows only into the free space right after or before it");
        }
        long dpa = after.extents(newId).get(0).start();
        return plan(ns.id(), dev, mode, labelUuid, name, dpa, size, lbaSize(sectorSize, ns.lbaSize()), align,
                sectorSize, false, true, o.force(), r, uuids);
    }

    /**
     * {@code set_defaults} on the typed options: the default mode, sector mode's default sector
     * size, and what ndctl rejects there beyond reading the text (which the ndctl service did).
     */
    private static Defaulted defaults(NamespaceOptions o, boolean create) throws NamespaceException {
        NamespaceMode mode = o.mode() != null ? o.mode() : create ? NamespaceMode.FSDAX : null;
        if (o.map() != null) {
            if (create && mode != NamespaceMode.FSDAX && mode != NamespaceMode.DEVDAX) {
                throw new NamespaceException("--map only valid for fsdax and devdax namespaces");
            }
            if (o.map() == MapLocation.MEM) {
                throw new NamespaceException("--map=mem is not supported: this host keeps no page metadata in its"
                        + " memory for a card; use --map=dev (the default)");
            }
        }
        UUID uuid = o.uuid();
        if (uuid != null && uuid.getMostSignificantBits() == 0 && uuid.getLeastSignificantBits() == 0) {
            throw new NamespaceException("uuid " + uuid + " is nil: a namespace needs a uuid");
        }
        Long sectorSize = o.sectorSize();
        if (sectorSize == null && mode == NamespaceMode.SECTOR) {
            sectorSize = 4096L; // ndctl's default for sector mode
        }
        return new Defaulted(mode, o.size(), o.align(), uuid, sectorSize);
    }

    /** {@code snprintf} into the 64-byte name: 63 bytes and the NUL. */
    private static String name(String given, String current) throws NamespaceException {
        String name = given != null ? given : current;
        if (name.indexOf('\0') >= 0) {
            throw new NamespaceException("a namespace name cannot contain NUL");
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME_BYTES) {
            throw new NamespaceException("alt name overflow: name '" + name + "' is " + bytes
                    + " bytes of UTF-8, at most " + MAX_NAME_BYTES + " fit in a label");
        }
        return name;
    }

    /** The mapping alignment: {@code -a} if given (fsdax and devdax only), else ndctl's default. */
    private static long align(Defaulted p, NamespaceMode mode, RegionView r, NamespaceState sameMode)
            throws NamespaceException {
        PfnPlatform platform = r.platform();
        boolean dax = mode == NamespaceMode.FSDAX || mode == NamespaceMode.DEVDAX;
        if (p.align() != null) {
            if (!dax) {
                throw new NamespaceException(mode.text() + " mode does not support setting an alignment");
            }
            if (!platform.supportsAlignment(p.align())) {
                throw new NamespaceException("unsupported align: " + sizes(List.of(p.align()))
                        + " (this kernel supports " + sizes(platform.supportedAlignments()) + ")");
            }
            return p.align();
        }
        long align;
        if (sameMode != null) {
            align = sameMode.claim().align() != 0 ? sameMode.claim().align() : platform.pageSize();
        } else {
            align = dax ? platform.defaultAlignment() : platform.pageSize();
        }
        if (!PfnPlatform.isAligned(r.region().base(), align)) {
            align = platform.pageSize(); // "falling back to a page alignment"
        }
        return align;
    }

    /** Region align, then size against the mapping alignment, then the 16 MiB minimum. */
    private static void checkSize(String region, long size, long regionAlign, long align, Size given,
            NamespaceMode mode) throws NamespaceException {
        if (size % regionAlign != 0) {
            throw new NamespaceException(region + ": align setting is 0x" + Long.toHexString(regionAlign) + " size 0x"
                    + Long.toHexString(size) + " is misaligned: use a multiple of " + sizes(List.of(regionAlign)));
        }
        if (size % align != 0) {
            long units = given != null ? given.unit() : 1;
            long step = Math.max(units, align);
            long suggested = (size / step + 1) * step / units;
            throw new NamespaceException("'--size=' must align to interleave-width: 1 and alignment: " + align
                    + "; did you intend --size=" + suggested + suffix(units) + "?");
        }
        if (size < MIN_CLAIMED_SIZE && mode != NamespaceMode.RAW) {
            throw new NamespaceException("'--size=' must be >= 16MiB for '" + mode.text() + "' mode");
        }
    }

    /** {@code -l}: a BTT's sector size in sector mode, else one of the namespace's. */
    private static long sectorSize(String region, Defaulted p, NamespaceMode mode, NamespaceState target)
            throws NamespaceException {
        if (p.sectorSize() != null) {
            long s = p.sectorSize();
            if (mode == NamespaceMode.SECTOR && !BTT_SECTOR_SIZES.contains(s)) {
                throw new NamespaceException(region + ": does not support btt sector_size " + s + " (use one of "
                        + BTT_SECTOR_SIZES + ")");
            }
            if (mode != NamespaceMode.SECTOR && !NAMESPACE_SECTOR_SIZES.contains(s)) {
                throw new NamespaceException(region + ": does not support namespace sector_size " + s
                        + " (use 512 or 4096)");
            }
            return s;
        }
        if (target == null) {
            return 512;
        }
        if (mode == NamespaceMode.SECTOR && target.enabled() && target.claim().mode() == NamespaceMode.SECTOR) {
            return target.claim().sector().sectorSize();
        }
        return target.ns().sectorSize();
    }

    /**
     * The label's {@code lbasize}: the sector size when the namespace supports it (512, 4096),
     * else what it had (a BTT's own sector size does not reach the label).
     */
    private static long lbaSize(long sectorSize, long current) {
        return NAMESPACE_SECTOR_SIZES.contains(sectorSize) ? sectorSize : current;
    }

    /** The info block and what Linux will list, for a namespace placed at {@code dpa}. */
    private static NamespacePlan plan(int id, String dev, NamespaceMode mode, UUID labelUuid, String name, long dpa,
            long size, long lbaSize, long align, long sectorSize, boolean initLabels, boolean clearInfoBlock,
            boolean force, RegionView r, Supplier<UUID> uuids) throws NamespaceException {
        long start = r.region().base() + dpa;
        PfnInfoBlock block = null;
        long listed = size;
        if (mode == NamespaceMode.FSDAX || mode == NamespaceMode.DEVDAX) {
            if (!PfnPlatform.isAligned(start, DAX_START_ALIGN) && !force) {
                throw new NamespaceException(dev + " misaligned to 16M, adjust region alignment and retry");
            }
            PfnLayout layout = PfnLayout.compute(start, size, PfnInfoBlock.MODE_PMEM, align, r.platform());
            PfnInfoBlock.Kind kind = mode == NamespaceMode.FSDAX ? PfnInfoBlock.Kind.PFN : PfnInfoBlock.Kind.DAX;
            block = PfnInfoBlock.of(kind, uuids.get(), labelUuid == null ? UuidBytes.NIL : labelUuid, layout, r.platform());
            listed = layout.dataSize();
        } else if (mode == NamespaceMode.SECTOR) {
            listed = -1;
        }
        Abstraction abstraction = ClaimClass.abstractionFor(mode);
        long recordedAlign = mode == NamespaceMode.FSDAX || mode == NamespaceMode.DEVDAX ? align : 0;
        return new NamespacePlan(id, mode, labelUuid, name, dpa, size, lbaSize, abstraction, recordedAlign, block,
                (int) sectorSize, listed, initLabels, clearInfoBlock);
    }

    /**
     * A create on a label-less region: only on its one namespace, only when that is disabled, and
     * only the whole region (Linux has no labels to say where a smaller one would be).
     */
    private static NamespacePlan labelLessCreate(NamespaceOptions o, Defaulted p, RegionView r, long size,
            Supplier<UUID> uuids) throws NamespaceException {
        if (size != r.region().size()) {
            throw labelLessSubdivide();
        }
        NamespaceState io = r.namespaces().get(0);
        if (io.enabled()) {
            String error = o.equals(NamespaceOptions.none()) ? "No such device or address" : "No space left on device";
            throw new NamespaceException("failed to create namespace: " + error + ": the label-less "
                    + NamespaceNames.namespace(r.region().regionId(), 0) + " spans " + r.dev()
                    + "; reconfigure it (-e " + NamespaceNames.namespace(r.region().regionId(), 0)
                    + " -f) or run init-labels to divide the region");
        }
        refuseLabelLessName(o);
        NamespaceMode mode = p.mode();
        long align = align(p, mode, r, null);
        checkSize(r.dev(), size, r.region().align(), align, p.size(), mode);
        long sectorSize = sectorSize(r.dev(), p, mode, io);
        return plan(0, NamespaceNames.namespace(r.region().regionId(), 0), mode, null, "", 0, size, 0, align, sectorSize,
                false, false, o.force(), r, uuids);
    }

    private static void refuseLabelLessName(NamespaceOptions o) throws NamespaceException {
        if (o.name() != null || o.uuid() != null) {
            throw new NamespaceException("a label-less namespace has no label to keep a "
                    + (o.name() != null ? "name" : "uuid") + ": run init-labels first");
        }
    }

    private static NamespaceException labelLessSubdivide() {
        return new NamespaceException("Legacy / label-less namespaces do not support sub-dividing a region:"
                + " retry without -s/--size=, or run init-labels to give the region labels");
    }

    /** The suffix ndctl prints for a unit, empty for bytes. */
    private static String suffix(long unit) {
        if (unit == 1L << 10) {
            return "K";
        }
        if (unit == 1L << 20) {
            return "M";
        }
        if (unit == 1L << 30) {
            return "G";
        }
        if (unit == 1L << 40) {
            return "T";
        }
        return "";
    }

    private static String sizes(List<Long> values) {
        StringBuilder s = new StringBuilder();
        for (long v : values) {
            if (s.length() > 0) {
                s.append(", ");
            }
            if (v % (1L << 30) == 0) {
                s.append(v >> 30).append('G');
            } else if (v % (1L << 20) == 0) {
                s.append(v >> 20).append('M');
            } else if (v % 1024 == 0) {
                s.append(v >> 10).append('K');
            } else {
                s.append(v);
            }
        }
        return s.toString();
    }
}
