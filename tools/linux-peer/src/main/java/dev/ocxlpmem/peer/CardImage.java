package dev.ocxlpmem.peer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.memory.standalone.MmapMemory;
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
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * A card image in this project's layout (the label area first, then the DPA space: DPA 0 at byte
 * {@code labelSize}) plugged into a standalone nvdimm core as the OpenCAPI driver plugs a card: one
 * DIMM whose config data is the label area, one region over the DPA space.
 *
 * <p>The region's interleave set is the one Linux computes for QEMU's NVDIMM from its NFIT
 * ({@code drivers/acpi/nfit/core.c}, {@code acpi_nfit_init_interleave_set}; seen as {@code iset_id}
 * and in the labels Linux writes there): version 1.1 labels carry cookie 1, version 1.2 labels
 * cookie 2 ({@code drivers/nvdimm/region_devs.c}, {@code nd_region_interleave_set_cookie}), so
 * that the guest takes labels written here as its own.
 */
final class CardImage implements AutoCloseable {
    /** The guest's cookies 1 and 2 (10248187106440278 and 52512752653219036). */
    static final InterleaveSet QEMU_COOKIES = new InterleaveSet(0x2468ac00123456L, 0xba90120012b4dcL);
    /** A card's label area, and the linux-peer default. */
    static final long CARD_LABEL_SIZE = 16 << 20;

    final Path image;
    final long labelSize;
    final MemoryProvider provider;
    final NvdimmCore core;
    final Dimm dimm;
    final Region region;
    private final Mapping memory;
    private final InMemoryDimm card;
    private final BusRegistration bus;

    CardImage(Path image, long labelSize) throws IOException, NvdimmException {
        this.image = image;
        this.labelSize = labelSize;
        long size = Files.size(image) - labelSize;
        if (size <= 0) {
            throw new IOException(image + " (" + Files.size(image) + " bytes) has no DPA space after a " + labelSize
                    + "-byte label area");
        }
        provider = MmapMemory.provider();
        memory = provider.map(image, labelSize, size);
        card = InMemoryDimm.onMapping(provider.map(image, 0, labelSize), 64 * 1024);
        core = LibNvdimm.core();
        bus = core.register(new BusDescriptor("ocxlpmem", Set.of()), card);
        dimm = bus.createDimm(new DimmDescriptor("0x1014-peer", Set.of(DimmFlag.LABELING), OneDimmBus.CONFIG_COMMANDS,
                List.of())).dimm();
        region = bus.createRegion(new RegionDescriptor(0, memory, List.of(new RegionMapping(dimm, 0, size, 0)),
                QEMU_COOKIES, RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));
    }

    /** The DPA space's size. */
    long size() {
        return memory.size();
    }

    /** A new mapping of a DPA range; the caller closes it. */
    Mapping map(long dpa, long length) throws IOException {
        return provider.map(image, labelSize + dpa, length);
    }

    /** {@code 128K}, {@code 16M} or bytes. */
    static long bytes(String text) {
        long unit = switch (text.charAt(text.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? text : text.substring(0, text.length() - 1)) * unit;
    }

    @Override
    public void close() {
        bus.unregister();
        card.close();
        memory.close();
    }
}
