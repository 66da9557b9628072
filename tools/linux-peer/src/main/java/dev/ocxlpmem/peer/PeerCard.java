package dev.ocxlpmem.peer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.namespaces.standalone.NamespaceLifecycle;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceLabel;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.btt.SectorDevice;
import dev.ocxlpmem.ndctl.NamespaceArguments;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;

/**
 * The Java side of the Linux peer (README.md beside the pom): this project's label store and
 * namespace lifecycle, through their exported APIs, on a card image plugged as {@link CardImage}
 * plugs it, running one command after another and printing each as {@code # command} followed by
 * what it did, so that the output is a transcript whose commands can be run again.
 *
 * <pre>
 * PeerCard [-L LABEL_SIZE] IMAGE COMMAND... [-- COMMAND...]      (LABEL_SIZE: 16M by default)
 * PeerCard [-L LABEL_SIZE] IMAGE -f FILE      (a command a line, or the '# ' lines of a transcript)
 *   init [-V 1.1|1.2]                    init-labels -f (1.2 by default; the region disabled for it)
 *   label NAME UUID DPA SIZE [-l LBASIZE] [-g none|pfn|dax|btt|btt2]
 *                                        a label written straight through the label store, where
 *                                        the lifecycle would not put one (a raw one by default)
 *   create [-m M] [-s S] [-n N] [-a A] [-u U] [-l L]
 *   reconfigure DEV [-m M] [-s S] [-n N] [-a A]     (-f implied)
 *   destroy DEV | disable DEV | enable DEV | check DEV | infoblock DEV
 *   write DEV OFFSET TEXT                a record into the namespace's data, persisted
 *   read DEV OFFSET LENGTH               bytes of the namespace's data, as text
 *   swrite DEV LBA TEXT                  a sector namespace's sector LBA: TEXT padded with zeros
 *   sread DEV LBA                        a sector namespace's sector LBA, as text
 *   list                                 ndctl list -RNv as the lifecycle sees it
 * </pre>
 */
public final class PeerCard {

    public static void main(String[] args) throws Exception {
        int at = 0;
        long labelSize = CardImage.CARD_LABEL_SIZE;
        if (args.length > 1 && args[0].equals("-L")) {
            labelSize = CardImage.bytes(args[1]);
            at = 2;
        }
        if (args.length < at + 2) {
            System.err.println("usage: PeerCard [-L LABEL_SIZE] IMAGE COMMAND... [-- COMMAND...] | -f FILE");
            System.exit(2);
        }
        Path image = Path.of(args[at]);
        List<List<String>> commands = args[at + 1].equals("-f") ? commands(Path.of(args[at + 2]))
                : split(List.of(args).subList(at + 1, args.length));
        try (CardImage card = new CardImage(image, labelSize)) {
            LabelStore labels = ConfigDataLabels.store();
            Namespaces namespaces = NamespaceLifecycle.attach(card.core, labels, LinuxBtt.driver());
            Ndctl ndctl = LibNdctl.over(card.core, labels, namespaces);
            for (List<String> command : commands) {
                run(command, namespaces, ndctl, labels, card.dimm, card.region);
            }
        }
    }

    /**
     * The commands of a file: its {@code # } lines when it has any (a transcript this tool printed),
     * else each line that is not blank.
     */
    static List<List<String>> commands(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        boolean transcript = lines.stream().anyMatch(l -> l.startsWith("# "));
        List<List<String>> commands = new ArrayList<>();
        for (String line : lines) {
            if (transcript && line.startsWith("# ")) {
                commands.add(words(line.substring(2)));
            } else if (!transcript && !line.isBlank()) {
                commands.add(words(line));
            }
        }
        return commands;
    }

    /** Words split at blanks; single quotes keep a TEXT with blanks in one word. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("'([^']*)'|(\\S+)").matcher(line);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return words;
    }

    static List<List<String>> split(List<String> args) {
        List<List<String>> commands = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= args.size(); i++) {
            if (i == args.size() || args.get(i).equals("--")) {
                if (i > start) {
                    commands.add(args.subList(start, i));
                }
                start = i + 1;
            }
        }
        return commands;
    }

    static void run(List<String> a, Namespaces ns, Ndctl ndctl, LabelStore labels, Dimm dimm, Region region) throws Exception {
        System.out.println("# " + a.stream().map(w -> w.isEmpty() || w.contains(" ") ? "'" + w + "'" : w)
                .collect(Collectors.joining(" ")));
        try {
            switch (a.get(0)) {
                case "init" -> {
                    LabelVersion version = a.size() > 2 && a.get(1).equals("-V") && a.get(2).equals("1.1")
                            ? LabelVersion.V1_1 : LabelVersion.V1_2;
                    region.disable();
                    labels.init(dimm, version, true);
                    region.enable();
                    System.out.println("initialized v" + (version == LabelVersion.V1_1 ? "1.1" : "1.2") + " labels");
                }
                case "label" -> {
                    long lbaSize = 512;
                    Abstraction abstraction = Abstraction.NONE;
                    for (int i = 5; i + 1 < a.size(); i += 2) {
                        switch (a.get(i)) {
                            case "-l" -> lbaSize = Long.parseLong(a.get(i + 1));
                            case "-g" -> abstraction = Abstraction.valueOf(a.get(i + 1).toUpperCase(Locale.ROOT));
                            default -> throw new IllegalArgumentException(a.get(i));
                        }
                    }
                    region.disable();
                    NamespaceLabel l = labels.create(dimm, new NamespaceSpec(UUID.fromString(a.get(2)), a.get(1),
                            CardImage.bytes(a.get(3)), CardImage.bytes(a.get(4)), lbaSize, abstraction));
                    region.enable();
                    System.out.println("label slot " + l.slot() + " " + l.uuid() + " " + l.name() + " dpa " + l.dpa()
                            + " size " + l.rawSize() + " lbasize " + l.lbaSize() + " abstraction " + abstraction);
                }
                case "create" -> print(ndctl.createNamespace("region0", options(a.subList(1, a.size()))), true);
                case "reconfigure" -> print(ndctl.reconfigureNamespace(a.get(1), options(a.subList(2, a.size())).forced()), true);
                case "destroy" -> System.out.println("destroyed: " + ns.destroy(a.get(1), true));
                case "disable" -> ns.disable(a.get(1));
                case "enable" -> ns.enable(a.get(1));
                case "check" -> {
                    NamespaceCheck c = ns.check(a.get(1), true, false);
                    System.out.println(c.found() + (c.consistent() ? "" : " " + c.problems()));
                }
                case "infoblock" -> {
                    for (InfoBlockReport r : ns.readInfoblock(a.get(1))) {
                        System.out.println(NdctlJson.write(r.fields(false)));
                    }
                }
                case "write" -> {
                    byte[] text = a.get(3).getBytes(StandardCharsets.UTF_8);
                    ns.data(a.get(1)).orElseThrow().data().copyAndPersist(Long.decode(a.get(2)), text, 0, text.length);
                    System.out.println("wrote " + text.length + " bytes");
                }
                case "read" -> {
                    byte[] b = new byte[Integer.parseInt(a.get(3))];
                    ns.data(a.get(1)).orElseThrow().data().get(Long.decode(a.get(2)), b, 0, b.length);
                    System.out.println("read '" + new String(b, StandardCharsets.UTF_8).replace("\0", "") + "'");
                }
                case "swrite" -> {
                    SectorDevice d = ns.data(a.get(1)).orElseThrow().sectors();
                    byte[] sector = Arrays.copyOf(a.get(3).getBytes(StandardCharsets.UTF_8), d.sectorSize());
                    d.write(Long.parseLong(a.get(2)), sector, 0, sector.length);
                    System.out.println("wrote sector " + a.get(2) + " (" + d.sectorSize() + " bytes)");
                }
                case "sread" -> {
                    SectorDevice d = ns.data(a.get(1)).orElseThrow().sectors();
                    byte[] sector = new byte[d.sectorSize()];
                    d.read(Long.parseLong(a.get(2)), sector, 0, sector.length);
                    System.out.println("sector " + a.get(2) + ": '" + new String(sector, StandardCharsets.UTF_8)
                            .replace("\0", "") + "'");
                }
                case "list" -> {
                    System.out.println("region0 available_size " + region.availableSize() + " max_available_extent "
                            + region.maxAvailableExtent());
                    for (NamespaceInfo n : ns.namespaces()) {
                        if (n.configured()) {
                            System.out.println(oneLine(NdctlJson.namespace(n, true, false, false)) + " dpa " + n.dpa());
                        }
                    }
                }
                default -> throw new IllegalArgumentException(a.get(0));
            }
        } catch (NvdimmException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    static void print(NamespaceInfo n, boolean dax) {
        System.out.println(oneLine(NdctlJson.namespace(n, false, dax, false)));
    }

    static String oneLine(Object json) {
        return NdctlJson.write(json).replaceAll("\n\\s*", "");
    }

    /** What create-namespace is given, read by the ndctl service as the console's is. */
    static NamespaceArguments options(List<String> a) {
        NamespaceArguments o = NamespaceArguments.none();
        for (int i = 0; i + 1 < a.size(); i += 2) {
            switch (a.get(i)) {
                case "-m" -> o = o.withMode(a.get(i + 1));
                case "-s" -> o = o.withSize(a.get(i + 1));
                case "-n" -> o = o.withName(a.get(i + 1));
                case "-a" -> o = o.withAlign(a.get(i + 1));
                case "-u" -> o = o.withUuid(a.get(i + 1));
                case "-l" -> o = o.withSectorSize(a.get(i + 1));
                default -> throw new IllegalArgumentException(a.get(i));
            }
        }
        return o;
    }
}
