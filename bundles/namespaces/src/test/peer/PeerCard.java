package dev.ocxlpmem.namespaces.peer;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.namespaces.SectorDevice;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.testing.InMemoryDimm;
import dev.ocxlpmem.testing.OneDimmBus;

/**
 * By-hand tool for the Linux round trip (not part of the build), through exported APIs only: a
 * card image in this project's layout (16 MiB label area, then the pmem region; DPA 0 at byte
 * 16 MiB) plugged into a standalone nvdimm core as the OpenCAPI driver plugs a card, with the
 * namespace lifecycle attached, and the lifecycle's operations run on it one after another.
 *
 * <pre>
 * java -cp CLASSPATH:OUT dev.ocxlpmem.namespaces.peer.PeerCard IMAGE COMMAND... [-- COMMAND...]
 *   init                                 init-labels -f -V 1.2 (region disabled for it)
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
    static final int LSA = 16 << 20;
    /** The peer's QEMU NVDIMM cookie2: the card's serial (version 1.2 labels). */
    static final long COOKIE = 0xba90120012b4dcL;

    public static void main(String[] args) throws Exception {
        Path image = Path.of(args[0]);
        long size = Files.size(image) - LSA;
        MemoryProvider provider = MemoryProvider.standalone();
        try (Mapping memory = provider.map(image, LSA, size)) {
            InMemoryDimm card = InMemoryDimm.onMapping(provider.map(image, 0, LSA), 64 * 1024);
            NvdimmCore core = NvdimmCore.standalone();
            LabelStore labels = LabelStore.standalone();
            Namespaces namespaces = Namespaces.standalone(core, labels);
            BusRegistration bus = core.register(new BusDescriptor("ocxlpmem", Set.of()), card);
            Dimm dimm = bus.createDimm(new DimmDescriptor("0x1014-peer", Set.of(DimmFlag.LABELING),
                    OneDimmBus.CONFIG_COMMANDS, List.of())).dimm();
            Region region = bus.createRegion(new RegionDescriptor(0, memory, List.of(new RegionMapping(dimm, 0, size, 0)),
                    new InterleaveSet(COOKIE, COOKIE), RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));
            int start = 1;
            for (int i = 1; i <= args.length; i++) {
                if (i == args.length || args[i].equals("--")) {
                    run(List.of(args).subList(start, i), namespaces, labels, dimm, region);
                    start = i + 1;
                }
            }
            bus.unregister();
            card.close();
        }
    }

    static void run(List<String> a, Namespaces ns, LabelStore labels, Dimm dimm, Region region) throws Exception {
        System.out.println("# " + String.join(" ", a));
        try {
            switch (a.get(0)) {
                case "init" -> {
                    region.disable();
                    labels.init(dimm, LabelVersion.V1_2, true);
                    region.enable();
                    System.out.println("initialized v1.2 labels");
                }
                case "create" -> print(ns.create("region0", options(a.subList(1, a.size()))), true);
                case "reconfigure" -> print(ns.reconfigure(a.get(1), options(a.subList(2, a.size())).forced()), true);
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

    static NamespaceOptions options(List<String> a) {
        NamespaceOptions o = NamespaceOptions.none();
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
