package dev.ocxlpmem.namespaces.internal;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import dev.ocxlpmem.labels.Abstraction;
import dev.ocxlpmem.labels.LabelReading;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.NamespaceSpec;
import dev.ocxlpmem.labels.internal.ConfigDataLabelStore;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.internal.MmapMemoryProvider;
import dev.ocxlpmem.namespaces.NamespaceListing;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.internal.NvdimmCore;

/**
 * By-hand tool for the Linux round trip (not part of the build: it stands in for the OSGi wiring,
 * so it reaches the nvdimm core and the label store implementation directly). On a card image in
 * this project's layout (16 MiB label area, then the pmem region; DPA 0 at byte 16 MiB) it
 * creates namespaces as the namespaces bundle plans them, writing their info blocks into the
 * image and their labels through the labels bundle, or lists what the image holds.
 *
 * <pre>
 * javac -cp CLASSES -d OUT PeerCard.java; java -cp CLASSES:OUT dev.ocxlpmem.namespaces.internal.PeerCard ...
 *   init IMAGE                          init-labels -V 1.2
 *   init11 IMAGE                        init-labels -V 1.1 (with -Dcookie1=0x2468ac00123456 for the peer)
 *   create IMAGE [-m M] [-s S] [-n N] [-a A] [-u U] [-l L]
 *   label IMAGE UUID NAME DPA SIZE LBASIZE ABSTRACTION    a label as given (no info block)
 *   list IMAGE                          region and namespaces as ndctl list -RNv would show them
 *   infoblock IMAGE M                   read-infoblock -j of namespace0.M
 * </pre>
 */
public final class PeerCard {
    static final long LSA = 16L << 20;
    static final long COOKIE = 0xba90120012b4dcL; // the peer's QEMU NVDIMM cookie2 = the card's serial
    /** The peer's cookie1, which v1.1 labels carry there (-Dcookie1=0x2468ac00123456); the card's is its serial. */
    static final long COOKIE1 = Long.decode(System.getProperty("cookie1", "0xba90120012b4dc"));

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (dev.ocxlpmem.namespaces.NamespaceException e) {
            System.out.println("refused: " + e.getMessage());
        }
    }

    static void run(String[] args) throws Exception {
        Path image = Path.of(args[1]);
        long regionSize = java.nio.file.Files.size(image) - LSA;
        MmapMemoryProvider provider = new MmapMemoryProvider();
        try (Mapping lsa = provider.map(image, 0, LSA); Mapping pmem = provider.map(image, LSA, regionSize)) {
            NvdimmCore core = new NvdimmCore();
            CommandHandler handler = new CommandHandler() {
                @Override
                @SuppressWarnings("unchecked")
                public <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException {
                    if (command instanceof DimmCommand.GetConfigSize) {
                        return (R) new ConfigSize((int) LSA, 65536);
                    }
                    if (command instanceof DimmCommand.GetConfigData get) {
                        byte[] data = new byte[get.length()];
                        lsa.get(get.offset(), data, 0, data.length);
                        return (R) data;
                    }
                    if (command instanceof DimmCommand.SetConfigData set) {
                        lsa.copyAndPersist(set.offset(), set.data(), 0, set.data().length);
                        return null;
                    }
                    throw new CommandException("no " + command.type());
                }
            };
            Bus bus = core.registerBus(new BusDescriptor("peer-card", handler, Set.of()));
            Dimm dimm = bus.createDimm(new DimmDescriptor("0x1014-peer", Set.of(DimmFlag.LABELING),
                    Set.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA, NdCommand.SET_CONFIG_DATA), -1));
            Region nvRegion = bus.createPmemRegion(new RegionDescriptor(0x1_0000_0000L, regionSize,
                    List.of(new RegionMapping(dimm, 0, regionSize, 0)), new InterleaveSet(COOKIE1, COOKIE), -1));
            nvRegion.disable();
            LabelStore store = new ConfigDataLabelStore();
            RegionScan.Region facts = new RegionScan.Region(0, 0, regionSize, 16L << 20, COOKIE1, COOKIE, 0);
            switch (args[0]) {
                case "init" -> {
                    store.init(dimm, LabelVersion.V1_2, true);
                    System.out.println("initialized v1.2 labels");
                }
                case "init11" -> {
                    store.init(dimm, LabelVersion.V1_1, true);
                    System.out.println("initialized v1.1 labels");
                }
                case "label" -> {
                    NamespaceSpec spec = new NamespaceSpec(UUID.fromString(args[2]), args[3], Long.decode(args[4]),
                            Long.decode(args[5]), Long.parseLong(args[6]), Abstraction.valueOf(args[7]));
                    System.out.println("label " + store.create(dimm, spec));
                }
                case "create" -> {
                    EnabledRegion r = enable(store, dimm, facts, pmem);
                    NamespacePlan plan = r.planCreate(options(Arrays.copyOfRange(args, 2, args.length)),
                            UUID::randomUUID);
                    Mapping ns = pmem.slice(plan.dpa(), plan.rawSize());
                    if (plan.infoBlock() != null) {
                        InfoBlocks.write(ns, plan.infoBlock());
                    }
                    store.create(dimm, plan.labelSpec());
                    System.out.println("planned " + plan.labelSpec() + " info block " + plan.infoBlock());
                    LabelNamespace created = new LabelNamespace(plan.id(), plan.labelUuid(), plan.name(),
                            plan.lbaSize(), ClaimClass.of(plan.abstraction()), plan.dpa(), plan.rawSize(), plan.dpa());
                    r.applied(plan, Claim.probe(created, ns, SectorProbe.NONE, PfnPlatform.X86_64));
                    System.out.println(json(r.namespace(plan.id()).listing(0)));
                }
                case "list" -> {
                    EnabledRegion r = enable(store, dimm, facts, pmem);
                    System.out.println("region0 available_size " + r.availableSize() + " max_available_extent "
                            + r.maxAvailableExtent() + " seed namespace0." + r.seed());
                    for (NamespaceState s : r.namespaces()) {
                        System.out.println(json(s.listing(0)) + " dpa " + s.ns().dpa());
                    }
                }
                case "infoblock" -> {
                    EnabledRegion r = enable(store, dimm, facts, pmem);
                    LabelNamespace n = r.namespace(Integer.parseInt(args[2])).ns();
                    System.out.println(InfoBlocks.reports("namespace0." + n.id(), pmem.slice(n.dpa(), n.size())));
                }
                default -> throw new IllegalArgumentException(args[0]);
            }
            bus.unregister();
        }
    }

    static EnabledRegion enable(LabelStore store, Dimm dimm, RegionScan.Region facts, Mapping pmem) throws Exception {
        LabelReading reading = store.read(dimm);
        return EnabledRegion.enable(facts, reading.labels(), reading.version(),
                ns -> Claim.probe(ns, pmem.slice(ns.dpa(), ns.size()), SectorProbe.NONE, PfnPlatform.X86_64),
                PfnPlatform.X86_64);
    }

    static NamespaceOptions options(String[] a) {
        NamespaceOptions o = NamespaceOptions.none();
        for (int i = 0; i + 1 < a.length; i += 2) {
            switch (a[i]) {
                case "-m" -> o = o.withMode(a[i + 1]);
                case "-s" -> o = o.withSize(a[i + 1]);
                case "-n" -> o = o.withName(a[i + 1]);
                case "-a" -> o = o.withAlign(a[i + 1]);
                case "-u" -> o = o.withUuid(a[i + 1]);
                case "-l" -> o = o.withSectorSize(a[i + 1]);
                default -> throw new IllegalArgumentException(a[i]);
            }
        }
        return o;
    }

    static String json(NamespaceListing l) {
        StringBuilder s = new StringBuilder("{");
        l.fields(true, 0).forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append('"').append(k).append("\":")
                .append(v instanceof String ? "\"" + v + "\"" : String.valueOf(v)));
        return s.append('}').toString();
    }
}
