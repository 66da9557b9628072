package dev.ocxlpmem.nvdimm.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.ocxlpmem.memory.Mapping;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.DimmRegistration;
import dev.ocxlpmem.nvdimm.EnabledRegion;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionDriver;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;

/**
 * A real nvdimm core (standalone) with one bus, one DIMM answered by an {@link InMemoryDimm} and
 * one pmem region over it, registered as the OpenCAPI driver registers them: both cookies the
 * card's serial, DPA 0 the region's first byte, the region's memory a sparse temporary file
 * mapped for real. A region driver stands in for the namespace layer and records what it is given,
 * and the core's events are kept in order.
 */
public final class OneDimmBus implements AutoCloseable {
    /** The region's size unless a test asks for another. */
    public static final long REGION_SIZE = 1L << 30;
    public static final Set<NdCommand> CONFIG_COMMANDS =
            EnumSet.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA, NdCommand.SET_CONFIG_DATA);

    private final List<NvdimmEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final NvdimmCore core = LibNvdimm.core(events::add);
    private final InMemoryDimm card;
    private final Path regionFile;
    private final Mapping regionMemory;
    private final BusRegistration registration;
    private final DimmRegistration dimmRegistration;
    private final Region region;
    private volatile EnabledRegion enabled;

    /** The usual bus: config-data commands only, a 1 GiB region, interleave-set cookie {@code cookie}. */
    public OneDimmBus(InMemoryDimm card, long cookie) {
        this(card, new BusDescriptor("test", Set.of()), new DimmDescriptor("0x1014-" + Long.toHexString(cookie),
                Set.of(DimmFlag.LABELING), CONFIG_COMMANDS, List.of()), cookie, REGION_SIZE);
    }

    public OneDimmBus(InMemoryDimm card, BusDescriptor busDescriptor, DimmDescriptor dimmDescriptor, long cookie,
            long regionSize) {
        this.card = card;
        core.addRegionDriver(new RegionDriver() {
            @Override
            public void attach(EnabledRegion region) {
                enabled = region;
            }

            @Override
            public void detach(EnabledRegion region) {
                enabled = null;
            }

            @Override
            public String toString() {
                return "the test's region driver";
            }
        });
        try {
            regionFile = Files.createTempFile("ocxlpmem-test-region", ".img");
            try (RandomAccessFile file = new RandomAccessFile(regionFile.toFile(), "rw")) {
                file.setLength(regionSize); // sparse: nothing is allocated until written
            }
            regionMemory = MmapMemory.provider().map(regionFile, 0, regionSize);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        registration = core.register(busDescriptor, card);
        try {
            dimmRegistration = registration.createDimm(dimmDescriptor);
            region = registration.createRegion(new RegionDescriptor(0x2000_0000_0000L, regionMemory,
                    List.of(new RegionMapping(dimmRegistration.dimm(), 0, regionSize, 0)),
                    new InterleaveSet(cookie, cookie), RegionDescriptor.DEFAULT_ALIGN, PersistenceDomain.UNKNOWN, -1));
        } catch (NvdimmException e) {
            close();
            throw new IllegalStateException(e);
        }
    }

    /** A 1 GiB region over a blank in-memory label area of {@code areaSize} bytes. */
    public static OneDimmBus blank(int areaSize, long cookie) {
        return new OneDimmBus(InMemoryDimm.blank(areaSize), cookie);
    }

    /** The same with transfers of at most {@code maxXfer} bytes. */
    public static OneDimmBus blank(int areaSize, int maxXfer, long cookie) {
        return new OneDimmBus(InMemoryDimm.inArray(new byte[areaSize], maxXfer), cookie);
    }

    /** A 1 GiB region over a copy of {@code area}. */
    public static OneDimmBus with(byte[] area, long cookie) {
        return new OneDimmBus(InMemoryDimm.inArray(area.clone(), 64 * 1024), cookie);
    }

    /** Disabled, as writing labels by hand needs; returns this. */
    public OneDimmBus disabled() {
        try {
            region.disable();
        } catch (NvdimmException e) {
            throw new IllegalStateException(e);
        }
        return this;
    }

    public NvdimmCore core() {
        return core;
    }

    public InMemoryDimm card() {
        return card;
    }

    public BusRegistration registration() {
        return registration;
    }

    public Bus bus() {
        return registration.bus();
    }

    public DimmRegistration dimmRegistration() {
        return dimmRegistration;
    }

    /** The DIMM as clients see it. */
    public Dimm dimm() {
        return dimmRegistration.dimm();
    }

    public Region region() {
        return region;
    }

    /** What the region driver holds while the region is enabled. */
    public EnabledRegion enabledRegion() {
        EnabledRegion e = enabled;
        if (e == null) {
            throw new IllegalStateException(region.dev() + " is disabled: no driver is attached");
        }
        return e;
    }

    /** The DIMM as the enabled region's driver sees it: label writes allowed. */
    public Dimm labelOwner() {
        return enabledRegion().labelOwner(dimm());
    }

    /** The events so far, in order. */
    public List<NvdimmEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    @Override
    public void close() {
        if (registration != null) {
            registration.unregister();
        }
        if (regionMemory != null) {
            regionMemory.close();
        }
        card.close();
        try {
            if (regionFile != null) {
                Files.deleteIfExists(regionFile);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
