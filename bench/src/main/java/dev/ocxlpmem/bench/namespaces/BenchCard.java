package dev.ocxlpmem.bench.namespaces;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.namespaces.standalone.NamespaceLifecycle;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * A card for the namespace benchmarks, through exported APIs only: a real standalone nvdimm core,
 * a DIMM whose 16 MiB label area (65,470 version 1.2 slots) is a heap array, and a 64 GiB region
 * over a sparse file this class maps itself (in {@code -Dbench.dir}, default java.io.tmpdir), with
 * the namespace lifecycle attached and {@code count} raw 16 MiB namespaces created from DPA 0.
 */
public final class BenchCard implements AutoCloseable {
    static final long GIB = 1L << 30;
    static final long REGION = 64 * GIB;
    static final long COOKIE = 0x5eed_0000_6464L;

    final Path file;
    final Mapping memory;
    public final NvdimmCore core = LibNvdimm.core();
    public final LabelStore labels = ConfigDataLabels.store();
    public final Namespaces namespaces;
    final BusRegistration registration;
    final Dimm dimm;
    final Region region;

    public BenchCard(int count) throws Exception {
        file = Files.createTempFile(Path.of(System.getProperty("bench.dir", System.getProperty("java.io.tmpdir"))),
                "ocxlpmem-bench-region", ".img");
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(REGION); // sparse: only what the namespaces write is ever allocated
        }
        memory = MmapMemory.provider().map(file, 0, REGION);
        namespaces = NamespaceLifecycle.attach(core, labels, LinuxBtt.driver());
        registration = core.register(new BusDescriptor("bench", Set.of()), InMemoryDimm.blank(16 << 20));
        dimm = registration.createDimm(new DimmDescriptor("0x1014-bench", Set.of(DimmFlag.LABELING),
                OneDimmBus.CONFIG_COMMANDS, List.of())).dimm();
        region = registration.createRegion(new RegionDescriptor(0, memory, List.of(new RegionMapping(dimm, 0, REGION, 0)),
                new InterleaveSet(COOKIE, COOKIE), RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));
        region.disable();
        labels.init(dimm, LabelVersion.V1_2, true);
        region.enable();
        for (int i = 0; i < count; i++) {
            namespaces.create("region0", NamespaceOptions.none().withMode(NamespaceMode.RAW).withSize(16L << 20).withName("ns" + i));
        }
    }

    @Override
    public void close() throws IOException {
        registration.unregister();
        memory.close();
        Files.deleteIfExists(file);
    }
}
