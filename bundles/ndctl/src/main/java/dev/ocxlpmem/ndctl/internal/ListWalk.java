package dev.ocxlpmem.ndctl.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.ListRequest;
import dev.ocxlpmem.ndctl.Listing;
import dev.ocxlpmem.ndctl.MappingInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * {@code ndctl list}: buses, DIMMs, regions and namespaces as ndctl 76 prints them
 * ({@code ndctl/list.c}). It reads through the service's own operations, so that each part of a
 * listing needs the role that reading it alone needs.
 */
final class ListWalk {
    private final Ndctl ndctl;

    ListWalk(Ndctl ndctl) {
        this.ndctl = ndctl;
    }

    /**
     * ndctl's walk: buses, then their DIMMs, then their regions, each kept by the filters; disabled
     * devices only with {@code -i}, even when a filter names them. A filter alone lists that kind.
     */
    Listing walk(ListRequest o) throws NvdimmException {
        boolean buses = o.buses();
        boolean dimms = o.dimms();
        boolean regions = o.regions();
        boolean namespaces = o.namespaces() || o.verbose(); // -v implies -N, as in ndctl
        if (!buses && !dimms && !regions && !namespaces) {
            buses = o.bus() != null;
            regions = o.region() != null;
            dimms = o.dimm() != null;
            namespaces = !buses && !regions && !dimms; // ndctl lists namespaces by default
        }
        // An unknown name is an error here, where ndctl would print nothing and succeed.
        String bus = o.bus() == null ? null : ndctl.bus(o.bus()).dev();
        String dimm = o.dimm() == null ? null : ndctl.dimm(o.dimm()).dev();
        String region = o.region() == null ? null : ndctl.region(o.region()).dev();
        String namespace = o.namespace() == null ? null : ndctl.namespace(o.namespace()).dev();
        NamespaceMode mode = o.mode() == null ? null : ndctl.namespaceMode(o.mode());
        Map<String, List<Object>> byRegion = namespaces ? namespacesByRegion(o, namespace, mode) : Map.of();
        boolean anyNamespace = false;
        List<Object> jnamespaces = new ArrayList<>();
        List<String> hidden = new ArrayList<>();
        List<String> regionsKept = new ArrayList<>();

        List<Object> jbuses = new ArrayList<>();
        List<Object> jdimms = new ArrayList<>();
        List<Object> jregions = new ArrayList<>();
        for (BusInfo b : ndctl.buses()) {
            if (bus != null && !bus.equals(b.dev())) {
                continue;
            }
            if (dimm != null && b.dimms().stream().noneMatch(d -> d.dev().equals(dimm))) {
                continue;
            }
            Map<String, Object> jbus = NdctlJson.bus(b);
            List<Object> busDimms = new ArrayList<>();
            List<Object> busRegions = new ArrayList<>();
            if (dimms) {
                for (DimmInfo d : b.dimms()) {
                    if ((dimm == null || dimm.equals(d.dev())) && (d.enabled() || o.idle())) {
                        busDimms.add(controller(NdctlJson.dimm(d, o.human()), d, o));
                    } else if (dimm == null || dimm.equals(d.dev())) {
                        hidden.add(d.dev());
                    }
                }
            }
            List<Object> busNamespaces = new ArrayList<>();
            for (RegionInfo r : b.regions()) {
                boolean onDimm = dimm == null || r.mappings().stream().anyMatch(m -> m.dimm().equals(dimm));
                if ((region != null && !region.equals(r.dev())) || !onDimm) {
                    continue;
                }
                regionsKept.add(r.dev());
                List<Object> own = byRegion.getOrDefault(r.dev(), List.of());
                anyNamespace |= !own.isEmpty();
                if (regions && !r.enabled() && !o.idle()) {
                    hidden.add(r.dev());
                }
                if (regions && (r.enabled() || o.idle())) {
                    Map<String, Object> jregion = badBlocks(NdctlJson.region(r,
                            dimms ? shownMappings(b, r, dimm, o.idle()) : null, o.human()), r, o);
                    if (!own.isEmpty()) {
                        jregion.put("namespaces", own); // after persistence_domain, as ndctl adds them
                    }
                    busRegions.add(jregion);
                } else {
                    busNamespaces.addAll(own);
                }
            }
            if (buses) {
                if (!busDimms.isEmpty()) {
                    jbus.put("dimms", busDimms);
                }
                if (!busRegions.isEmpty()) {
                    jbus.put("regions", busRegions);
                }
                if (!busNamespaces.isEmpty()) {
                    jbus.put("namespaces", busNamespaces);
                }
                jbuses.add(jbus);
            } else {
                jdimms.addAll(busDimms);
                jregions.addAll(busRegions);
                jnamespaces.addAll(busNamespaces);
            }
        }
        String json = display(o, jbuses, jdimms, jregions, jnamespaces, anyNamespace);
        if (json.isEmpty() && namespaces && !o.idle()) {
            hidden.addAll(hiddenNamespaces(namespace, mode, regionsKept));
        }
        return new Listing(json, hidden);
    }

    /** ndctl's {@code list_display}: one array, or several kinds in one object. */
    private static String display(ListRequest o, List<Object> jbuses, List<Object> jdimms, List<Object> jregions,
            List<Object> jnamespaces, boolean anyNamespace) {
        if (!jbuses.isEmpty()) {
            return NdctlJson.display(jbuses, o.human());
        }
        // list_display: several kinds share one object; namespaces inside regions count as a kind
        if ((jdimms.isEmpty() ? 0 : 1) + (jregions.isEmpty() ? 0 : 1) + (anyNamespace ? 1 : 0) > 1) {
            Map<String, Object> platform = new LinkedHashMap<>();
            if (!jdimms.isEmpty()) {
                platform.put("dimms", jdimms);
            }
            if (!jregions.isEmpty()) {
                platform.put("regions", jregions);
            } else {
                platform.put("namespaces", jnamespaces);
            }
            return NdctlJson.write(platform);
        }
        if (!jdimms.isEmpty()) {
            return NdctlJson.display(jdimms, o.human());
        }
        if (!jregions.isEmpty()) {
            return NdctlJson.display(jregions, o.human());
        }
        if (!jnamespaces.isEmpty()) {
            return NdctlJson.display(jnamespaces, o.human());
        }
        return "";
    }

    /** The configured, disabled namespaces the filters match, of the regions they keep. */
    private List<String> hiddenNamespaces(String namespace, NamespaceMode mode, List<String> regionsKept)
            throws NvdimmException {
        return ndctl.namespaces(true).stream().filter(n -> n.configured() && !n.enabled())
                .filter(n -> regionsKept.contains(n.region()))
                .filter(n -> (namespace == null || namespace.equals(n.dev())) && (mode == null || mode == n.mode()))
                .map(NamespaceInfo::dev).toList();
    }

    /**
     * ndctl's {@code -F} and {@code -H}: the DIMM's firmware (in {@code util_dimm_to_json}), then its
     * health. A DIMM without them shows neither; one whose controller does not answer shows
     * {@code current_version} -1 or {@code health_state} unknown, as ndctl does.
     */
    private Map<String, Object> controller(Map<String, Object> json, DimmInfo d, ListRequest o) {
        if (o.firmware()) {
            try {
                ndctl.firmware(d.dev()).ifPresent(f -> json.put("firmware", NdctlJson.firmware(f, o.human())));
            } catch (NvdimmException e) {
                json.put("firmware", Map.of("current_version", NdctlJson.hex(-1, o.human())));
            }
        }
        if (o.health()) {
            try {
                ndctl.health(d.dev()).ifPresent(h -> json.put("health", NdctlJson.health(h)));
            } catch (NvdimmException e) {
                json.put("health", NdctlJson.unknownHealth());
            }
        }
        return json;
    }

    /** {@code badblock_count}, and with {@code -M} the bad blocks, as ndctl's region_to_json adds them. */
    private Map<String, Object> badBlocks(Map<String, Object> json, RegionInfo r, ListRequest o) {
        List<BadBlock> bad;
        try {
            bad = ndctl.badBlocks(r.dev());
        } catch (NvdimmException e) {
            return json;
        }
        return NdctlJson.withBadBlocks(json, bad, o.mediaErrors(), r.mappings().stream().map(MappingInfo::dimm)
                .distinct().toList());
    }

    /** The namespaces ndctl shows, by region: enabled ones, or all with {@code -i}; filtered by -n and -m. */
    private Map<String, List<Object>> namespacesByRegion(ListRequest o, String namespace, NamespaceMode mode)
            throws NvdimmException {
        Map<String, List<Object>> byRegion = new LinkedHashMap<>();
        for (NamespaceInfo n : ndctl.namespaces(o.idle())) {
            if ((namespace == null || namespace.equals(n.dev())) && (mode == null || mode == n.mode())) {
                byRegion.computeIfAbsent(n.region(), r -> new ArrayList<>())
                        .add(NdctlJson.namespace(n, o.verbose(), o.verbose(), o.human()));
            }
        }
        return byRegion;
    }

    /** The mappings ndctl shows with {@code -D}: those on DIMMs the filter keeps, enabled unless {@code -i}. */
    private static List<MappingInfo> shownMappings(BusInfo bus, RegionInfo region, String dimm, boolean idle) {
        List<MappingInfo> shown = new ArrayList<>();
        for (MappingInfo m : region.mappings()) {
            boolean enabled = bus.dimms().stream().anyMatch(d -> d.dev().equals(m.dimm()) && d.enabled());
            if ((dimm == null || dimm.equals(m.dimm())) && (enabled || idle)) {
                shown.add(m);
            }
        }
        return shown;
    }
}
