package dev.ocxlpmem.ndctl;

import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What {@code ndctl list} is asked for (ndctl 76 {@code ndctl/list.c}): the kinds of object, the
 * filters and the number format. Parsed from the flags an operator types, by getopt's rules:
 * clustered short flags ({@code -BDRi}), a value after or inside its flag ({@code -r 0},
 * {@code -r0}), long options with {@code =} or a space.
 *
 * @param buses {@code -B}
 * @param dimms {@code -D}
 * @param firmware {@code -F}
 * @param health {@code -H}
 * @param regions {@code -R}
 * @param namespaces {@code -N}
 * @param idle {@code -i}: disabled devices too
 * @param mediaErrors {@code -M}
 * @param human {@code -u}
 * @param verbose {@code -v}
 * @param help {@code -h}: the console prints its help instead of a listing
 * @param bus {@code -b}, or null
 * @param dimm {@code -d}, or null
 * @param region {@code -r}, or null
 * @param namespace {@code -n}, or null
 * @param mode {@code -m}, or null
 */
public record ListRequest(boolean buses, boolean dimms, boolean firmware, boolean health, boolean regions,
        boolean namespaces, boolean idle, boolean mediaErrors, boolean human, boolean verbose, boolean help,
        String bus, String dimm, String region, String namespace, String mode) {

    /** One option: its short letter, long name, the name of its value (null: it takes none) and what it does. */
    public record Flag(char letter, String name, String value, String description) {
        public boolean takesValue() {
            return value != null;
        }

        public String synopsis() {
            return "-" + letter + ", --" + name + (takesValue() ? " <" + value + ">" : "");
        }
    }

    /** ndctl 76's options that apply to buses, DIMMs, regions and namespaces, in its order. */
    public static final List<Flag> FLAGS = List.of(
            new Flag('b', "bus", "bus-id", "filter by bus (ndbusN, N, or the provider's name)"),
            new Flag('r', "region", "region-id", "filter by region (regionN or N)"),
            new Flag('d', "dimm", "dimm-id", "filter by dimm (nmemN, N, or the DIMM's id)"),
            new Flag('n', "namespace", "namespace-id", "filter by namespace (namespaceR.M or R.M)"),
            new Flag('m', "mode", "namespace-mode", "filter by namespace mode (raw, sector, fsdax, devdax)"),
            new Flag('B', "buses", null, "include bus info"),
            new Flag('D', "dimms", null, "include dimm info (with -R: the regions' mappings)"),
            new Flag('F', "firmware", null, "include firmware info"),
            new Flag('H', "health", null, "include dimm health"),
            new Flag('R', "regions", null, "include region info"),
            new Flag('N', "namespaces", null, "include namespace info (default)"),
            new Flag('i', "idle", null, "include idle (disabled) devices"),
            new Flag('M', "media-errors", null, "include media errors (bad blocks)"),
            new Flag('u', "human", null, "use human friendly number formats"),
            new Flag('v', "verbose", null, "include namespaces, their raw_uuid and dax regions"),
            new Flag('h', "help", null, "display this help message"));

    /**
     * The options of one command line, e.g. {@code "-BDRN"} or {@code "-r 0 -u"}: words split at
     * white space (device names have none); null or blank is ndctl's default listing.
     *
     * @throws IllegalArgumentException naming the option that is unknown, lacks its value or has one it takes not
     */
    public static ListRequest parse(String line) {
        return parse(line == null || line.isBlank() ? List.of() : Arrays.asList(line.trim().split("\\s+")));
    }

    /** The options as the console hands them over, one word each. */
    public static ListRequest parse(List<String> args) {
        Set<Character> on = new HashSet<>();
        Map<Character, String> values = new HashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (arg.startsWith("--")) {
                String name = arg.substring(2);
                String value = null;
                int eq = name.indexOf('=');
                if (eq >= 0) {
                    value = name.substring(eq + 1);
                    name = name.substring(0, eq);
                }
                Flag flag = byName(name);
                if (flag.takesValue()) {
                    values.put(flag.letter(), value != null ? value : valueAfter(args, i++, arg));
                } else if (value != null) {
                    throw new IllegalArgumentException("ndctl:list: --" + name + " takes no value");
                } else {
                    on.add(flag.letter());
                }
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    Flag flag = byLetter(arg.charAt(c));
                    if (flag.takesValue()) {
                        String rest = arg.substring(c + 1);
                        values.put(flag.letter(), rest.isEmpty() ? valueAfter(args, i++, "-" + flag.letter()) : rest);
                        break;
                    }
                    on.add(flag.letter());
                }
            } else {
                throw new IllegalArgumentException("ndctl:list: unknown parameter \"" + arg + "\"; see ndctl:list --help");
            }
        }
        return new ListRequest(on.contains('B'), on.contains('D'), on.contains('F'), on.contains('H'),
                on.contains('R'), on.contains('N'), on.contains('i'), on.contains('M'), on.contains('u'),
                on.contains('v'), on.contains('h'), values.get('b'), values.get('d'), values.get('r'),
                values.get('n'), values.get('m'));
    }

    private static Flag byName(String name) {
        return FLAGS.stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow(
                () -> new IllegalArgumentException("ndctl:list: unknown option --" + name + "; see ndctl:list --help"));
    }

    private static Flag byLetter(char letter) {
        return FLAGS.stream().filter(f -> f.letter() == letter).findFirst().orElseThrow(
                () -> new IllegalArgumentException("ndctl:list: unknown option -" + letter + "; see ndctl:list --help"));
    }

    private static String valueAfter(List<String> args, int i, String option) {
        if (i + 1 >= args.size()) {
            throw new IllegalArgumentException("ndctl:list: " + option + " needs a value");
        }
        return args.get(i + 1);
    }
}
