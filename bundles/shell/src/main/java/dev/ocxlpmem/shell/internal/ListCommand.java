package dev.ocxlpmem.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.felix.service.command.CommandSession;
import org.apache.felix.service.command.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionMapping;

/**
 * {@code ndctl list}: buses, DIMMs and regions as ndctl's JSON.
 *
 * <p>Operators type {@code ndctl list -BDR}, with the short flags clustered as getopt allows.
 * Karaf's action parser knows no clusters, so this command is a Gogo {@link Function} with
 * ndctl's own option rules instead of an annotated action.
 */
@Component(service = Function.class, property = {"osgi.command.scope=ndctl", "osgi.command.function=list",
        "osgi.command.description=List nvdimm buses, DIMMs and regions as ndctl JSON (-BDR, see --help)"})
public class ListCommand implements Function {
    /** Regions and namespaces are aligned to 16 MiB by default (one ppc64 memory section). */
    static final long REGION_ALIGN = 16L << 20;

    static final String USAGE = String.join("\n",
            "usage: ndctl:list [<options>]",
            "  -B, --buses          include bus info",
            "  -D, --dimms          include DIMM info",
            "  -R, --regions        include region info",
            "  -M, --mappings       include the DIMM mappings of each region",
            "  -i, --idle           include idle (disabled) devices",
            "  -u, --human          sizes in human units, cookies in hex",
            "  -b, --bus <name>     only this bus (device name or provider)",
            "  -d, --dimm <name>    only this DIMM, and regions on it",
            "  -r, --region <name>  only this region",
            "Short flags may be clustered, as in ndctl: -BDR, -Ri, -DRu.");

    private final Nvdimm nvdimm;

    boolean buses;
    boolean dimms;
    boolean regions;
    boolean mappings;
    boolean idle;
    boolean human;
    String busFilter;
    String dimmFilter;
    String regionFilter;

    @Activate
    public ListCommand(@Reference Nvdimm nvdimm) {
        this.nvdimm = nvdimm;
    }

    @Override
    public Object execute(CommandSession session, List<Object> arguments) {
        ListCommand run = new ListCommand(nvdimm);
        List<String> args = arguments.stream().map(String::valueOf).toList();
        if (args.contains("--help") || args.contains("-h")) {
            System.out.println(USAGE);
            return null;
        }
        run.parse(args);
        run.print(System.out);
        return null;
    }

    /** getopt's rules: clustered short flags, a value after or inside its flag, long options with = or a space. */
    void parse(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg;
                String value = null;
                int eq = arg.indexOf('=');
                if (eq > 0) {
                    name = arg.substring(0, eq);
                    value = arg.substring(eq + 1);
                }
                char flag = switch (name) {
                    case "--buses" -> 'B';
                    case "--dimms" -> 'D';
                    case "--regions" -> 'R';
                    case "--mappings" -> 'M';
                    case "--idle" -> 'i';
                    case "--human" -> 'u';
                    case "--bus" -> 'b';
                    case "--dimm" -> 'd';
                    case "--region" -> 'r';
                    default -> throw unknown(name);
                };
                if (takesValue(flag)) {
                    if (value == null) {
                        value = valueAfter(args, i++, name);
                    }
                    set(flag, value);
                } else if (value != null) {
                    throw new IllegalArgumentException("ndctl:list: " + name + " takes no value");
                } else {
                    set(flag, null);
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    char flag = arg.charAt(c);
                    if (!"BDRMiubdr".contains(String.valueOf(flag))) {
                        throw unknown("-" + flag);
                    }
                    if (takesValue(flag)) {
                        String rest = arg.substring(c + 1);
                        set(flag, rest.isEmpty() ? valueAfter(args, i++, "-" + flag) : rest);
                        break;
                    }
                    set(flag, null);
                }
            } else {
                throw new IllegalArgumentException("ndctl:list: unexpected argument '" + arg
                        + "'; see ndctl:list --help");
            }
        }
    }

    private static boolean takesValue(char flag) {
        return flag == 'b' || flag == 'd' || flag == 'r';
    }

    private static String valueAfter(List<String> args, int i, String option) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("ndctl:list: " + option + " needs a value");
        }
        return args.get(i + 1);
    }

    private static IllegalArgumentException unknown(String option) {
        return new IllegalArgumentException("ndctl:list: unknown option " + option + "; see ndctl:list --help");
    }

    private void set(char flag, String value) {
        switch (flag) {
            case 'B' -> buses = true;
            case 'D' -> dimms = true;
            case 'R' -> regions = true;
            case 'M' -> mappings = true;
            case 'i' -> idle = true;
            case 'u' -> human = true;
            case 'b' -> busFilter = value;
            case 'd' -> dimmFilter = value;
            case 'r' -> regionFilter = value;
            default -> throw unknown("-" + flag);
        }
    }

    void print(PrintStream out) {
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
            out.println(NdctlJson.topLevel(top));
        }
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
