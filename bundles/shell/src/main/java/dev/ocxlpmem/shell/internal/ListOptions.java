package dev.ocxlpmem.shell.internal;

import java.util.List;

/** {@code ndctl list}'s options, parsed by getopt's rules: clustered short flags, values after or inside their flag, long options with = or a space. */
final class ListOptions {

    /** One option: its short letter, long name, and whether it takes a value. */
    record Flag(char letter, String name, String value, String description) {
        boolean takesValue() {
            return value != null;
        }

        String synopsis() {
            return "-" + letter + ", --" + name + (takesValue() ? " <" + value + ">" : "");
        }
    }

    /** ndctl 76's options that apply to buses, DIMMs, regions and namespaces, in its order. */
    static final List<Flag> FLAGS = List.of(
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

    boolean buses;
    boolean dimms;
    boolean firmware;
    boolean health;
    boolean regions;
    boolean namespaces;
    boolean idle;
    boolean mediaErrors;
    boolean human;
    boolean help;
    boolean verbose;
    String bus;
    String dimm;
    String region;
    String namespace;
    String mode;

    static ListOptions parse(List<String> args) {
        ListOptions o = new ListOptions();
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
                    if (value == null) {
                        value = valueAfter(args, i++, arg);
                    }
                } else if (value != null) {
                    throw new IllegalArgumentException("ndctl:list: --" + name + " takes no value");
                }
                o.set(flag, value);
            } else if (arg.startsWith("-") && arg.length() > 1) {
                for (int c = 1; c < arg.length(); c++) {
                    Flag flag = byLetter(arg.charAt(c));
                    if (flag.takesValue()) {
                        String rest = arg.substring(c + 1);
                        o.set(flag, rest.isEmpty() ? valueAfter(args, i++, "-" + flag.letter()) : rest);
                        break;
                    }
                    o.set(flag, null);
                }
            } else {
                throw new IllegalArgumentException("ndctl:list: unknown parameter \"" + arg + "\"; see ndctl:list --help");
            }
        }
        return o;
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

    private void set(Flag flag, String value) {
        switch (flag.letter()) {
            case 'B' -> buses = true;
            case 'D' -> dimms = true;
            case 'F' -> firmware = true;
            case 'H' -> health = true;
            case 'R' -> regions = true;
            case 'N' -> namespaces = true;
            case 'i' -> idle = true;
            case 'M' -> mediaErrors = true;
            case 'u' -> human = true;
            case 'h' -> help = true;
            case 'b' -> bus = value;
            case 'd' -> dimm = value;
            case 'r' -> region = value;
            case 'n' -> namespace = value;
            case 'm' -> mode = value;
            case 'v' -> verbose = true;
            default -> throw new IllegalStateException("no flag " + flag);
        }
    }
}
