package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionMapping;

/** {@code ndctl list}: buses, DIMMs and regions as ndctl's JSON. */
@Service
@Command(scope = "ndctl", name = "list", description = "List nvdimm buses, DIMMs and regions as ndctl JSON")
public class ListCommand implements Action {
    /** Regions and namespaces are aligned to 16 MiB by default (one ppc64 memory section). */
    static final long REGION_ALIGN = 16L << 20;

    @Reference
    Nvdimm nvdimm;

    @Option(name = "-B", aliases = "--buses", description = "include bus info")
    boolean buses;

    @Option(name = "-D", aliases = "--dimms", description = "include DIMM info")
    boolean dimms;

    @Option(name = "-R", aliases = "--regions", description = "include region info")
    boolean regions;

    @Option(name = "-M", aliases = "--mappings", description = "include the DIMM mappings of each region")
    boolean mappings;

    @Option(name = "-i", aliases = "--idle", description = "include idle (disabled) devices")
    boolean idle;

    @Option(name = "-u", aliases = "--human", description = "sizes in human units, cookies in hex")
    boolean human;

    @Option(name = "-b", aliases = "--bus", description = "only this bus (device name or provider)")
    String busFilter;

    @Option(name = "-d", aliases = "--dimm", description = "only this DIMM, and regions on it")
    String dimmFilter;

    @Option(name = "-r", aliases = "--region", description = "only this region")
    String regionFilter;

    @Override
    public Object execute() {
        List<Object> top = new ArrayList<>();
        List<Object> looseDimms = new ArrayList<>();
        List<Object> looseRegions = new ArrayList<>();
        for (Bus bus : nvdimm.buses()) {
            if (busFilter != null && !busFilter.equals(bus.dev()) && !busFilter.equals(bus.provider())) {
                continue;
            }
            List<Object> busDimms = dimms ? selectedDimms(bus) : List.of();
            List<Object> busRegions = regions ? selectedRegions(bus) : List.of();
            if (buses) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("provider", bus.provider());
                json.put("dev", bus.dev());
                if (!busDimms.isEmpty()) {
                    json.put("dimms", busDimms);
                }
                if (!busRegions.isEmpty()) {
                    json.put("regions", busRegions);
                }
                top.add(json);
            } else {
                looseDimms.addAll(busDimms);
                looseRegions.addAll(busRegions);
            }
        }
        if (!buses) {
            if (!looseDimms.isEmpty() && !looseRegions.isEmpty()) {
                Map<String, Object> both = new LinkedHashMap<>();
                both.put("dimms", looseDimms);
                both.put("regions", looseRegions);
                top.add(both);
            } else {
                top.addAll(looseDimms);
                top.addAll(looseRegions);
            }
        }
        if (!top.isEmpty()) {
            System.out.println(NdctlJson.topLevel(top));
        }
        return null;
    }

    private List<Object> selectedDimms(Bus bus) {
        List<Object> out = new ArrayList<>();
        for (Dimm dimm : bus.dimms()) {
            if (dimmFilter == null || dimmFilter.equals(dimm.dev())) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("dev", dimm.dev());
                json.put("id", dimm.id());
                json.put("handle", dimm.handle());
                out.add(json);
            }
        }
        return out;
    }

    private List<Object> selectedRegions(Bus bus) {
        List<Object> out = new ArrayList<>();
        for (Region region : bus.regions()) {
            if (regionFilter != null && !regionFilter.equals(region.dev())) {
                continue;
            }
            if (dimmFilter != null && region.mappings().stream().noneMatch(m -> dimmFilter.equals(m.dimm().dev()))) {
                continue;
            }
            if (!region.isEnabled() && !idle && regionFilter == null) {
                continue;
            }
            out.add(region(region));
        }
        return out;
    }

    private Map<String, Object> region(Region region) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dev", region.dev());
        json.put("size", Sizes.of(region.size(), human));
        json.put("align", REGION_ALIGN);
        json.put("available_size", Sizes.of(region.size(), human));
        json.put("max_available_extent", Sizes.of(region.size(), human));
        json.put("type", region.type());
        long isetId = region.interleaveSet().cookie1();
        json.put("iset_id", human ? String.format("%#x", isetId) : isetId);
        if (mappings) {
            List<Object> list = new ArrayList<>();
            for (RegionMapping mapping : region.mappings()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dimm", mapping.dimm().dev());
                m.put("offset", Sizes.of(mapping.start(), human));
                m.put("length", Sizes.of(mapping.size(), human));
                m.put("position", mapping.position());
                list.add(m);
            }
            json.put("mappings", list);
        }
        // The driver declares no persistence-domain flag, which ndctl shows as "unknown".
        json.put("persistence_domain", "unknown");
        if (!region.isEnabled()) {
            json.put("state", "disabled");
        }
        return json;
    }
}
