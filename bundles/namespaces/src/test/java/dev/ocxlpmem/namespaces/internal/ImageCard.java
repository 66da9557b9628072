package dev.ocxlpmem.namespaces.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.btt.standalone.LinuxBtt;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.namespaces.NamespaceEvent;
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
 * A card image in this project's layout (the label area first, then the pmem region: DPA 0 is
 * byte {@code labelArea} of the file), plugged into a real standalone nvdimm core as the OpenCAPI
 * driver registers a card: one bus, one DIMM answering the config-data commands from the file's
 * label area, one region over the rest of the file, both cookies the card's serial. The namespace
 * driver is attached to the region, as in OSGi. {@link #unplug} and {@link #plug} take the card
 * away and bring it back; a new {@code ImageCard} on the same file is a restart.
 */
final class ImageCard implements AutoCloseable {
    static final int LABEL_AREA = 16 << 20;
    /** The BTT driver, as the OSGi service is. */
    static final BttDriver BTT = LinuxBtt.driver();

    final Path image;
    final long serial;
    final int labelArea;
    final List<NamespaceEvent> events = Collections.synchronizedList(new ArrayList<>());
    final NvdimmCore core = LibNvdimm.core();
    final LabelStore labels = ConfigDataLabels.store();
    final NamespaceDriver driver;
    private InMemoryDimm card;
    private Mapping memory;
    private BusRegistration registration;
    private Dimm dimm;
    private Region region;

    ImageCard(Path image, long serial, int labelArea, SectorProbe sectors) throws Exception {
        this(image, serial, labelArea, BTT, sectors);
    }

    ImageCard(Path image, long serial, int labelArea, BttDriver btt, SectorProbe sectors) throws Exception {
        this.image = image;
        this.serial = serial;
        this.labelArea = labelArea;
        this.driver = new NamespaceDriver(labels, btt, events::add, sectors);
        core.addRegionDriver(driver);
        plug();
    }

    ImageCard(Path image, long serial) throws Exception {
        this(image, serial, LABEL_AREA, new BttProbe(BTT));
    }

    /** A sparse blank image: a 16 MiB label area and a region of {@code regionSize}. */
    static Path blank(Path dir, long regionSize) throws IOException {
        return blank(dir, LABEL_AREA, regionSize);
    }

    static Path blank(Path dir, int labelArea, long regionSize) throws IOException {
        Path image = Files.createTempFile(dir, "card", ".img");
        try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(labelArea + regionSize);
        }
        return image;
    }

    /** Registers the card's bus, DIMM and region; the region enables and the driver attaches. */
    void plug() throws Exception {
        long size = Files.size(image) - labelArea;
        MemoryProvider provider = MmapMemory.provider();
        card = InMemoryDimm.onMapping(provider.map(image, 0, labelArea), 64 * 1024);
        memory = provider.map(image, labelArea, size);
        registration = core.register(new BusDescriptor("ocxlpmem", Set.of()), card);
        dimm = registration.createDimm(new DimmDescriptor("0x1014-" + Long.toHexString(serial),
                Set.of(DimmFlag.LABELING), OneDimmBus.CONFIG_COMMANDS, List.of())).dimm();
        region = registration.createRegion(new RegionDescriptor(0, memory, List.of(new RegionMapping(dimm, 0, size, 0)),
                new InterleaveSet(serial, serial), RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));
    }

    /** The card goes away: bus, DIMM and region unregistered, then its memory unmapped. */
    void unplug() {
        if (registration != null) {
            registration.unregister();
            memory.close();
            card.close();
            registration = null;
        }
    }

    InMemoryDimm card() {
        return card;
    }

    Dimm dimm() {
        return dimm;
    }

    Region region() {
        return region;
    }

    Mapping memory() {
        return memory;
    }

    @Override
    public void close() {
        unplug();
    }
}
