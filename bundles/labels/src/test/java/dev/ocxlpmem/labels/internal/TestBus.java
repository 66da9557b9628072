package dev.ocxlpmem.labels.internal;

import java.util.List;
import java.util.Set;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.internal.NvdimmCore;

/**
 * A real nvdimm core with one bus, one DIMM on a {@link LabelAreaProvider} and one pmem region over
 * it, as the OpenCAPI driver registers them (both cookies the card's serial, DPA 0 at the
 * region's first byte).
 */
final class TestBus implements AutoCloseable {
    static final long REGION_SIZE = 1L << 30;

    final NvdimmCore core = new NvdimmCore();
    final LabelAreaProvider provider;
    final Bus bus;
    final Dimm dimm;
    final Region region;

    TestBus(LabelAreaProvider.Backing backing, int maxXfer, long cookie) {
        this.provider = new LabelAreaProvider(backing, maxXfer);
        this.bus = core.registerBus(new BusDescriptor("labels-test", provider, Set.of()));
        this.dimm = bus.createDimm(new DimmDescriptor("0x1014-" + Long.toHexString(cookie), Set.of(DimmFlag.LABELING),
                Set.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA, NdCommand.SET_CONFIG_DATA), -1));
        try {
            this.region = bus.createPmemRegion(new RegionDescriptor(0x2000_0000_0000L, REGION_SIZE,
                    List.of(new RegionMapping(dimm, 0, REGION_SIZE, 0)), new InterleaveSet(cookie, cookie), -1));
        } catch (NvdimmException e) {
            throw new IllegalStateException(e);
        }
    }

    static TestBus inMemory(int size, int maxXfer, long cookie) {
        return new TestBus(new LabelAreaProvider.ArrayBacking(new byte[size]), maxXfer, cookie);
    }

    static TestBus inMemory(byte[] area, long cookie) {
        return new TestBus(new LabelAreaProvider.ArrayBacking(area.clone()), 64 * 1024, cookie);
    }

    /** Disabled, as label writes by hand need. */
    TestBus disabled() {
        region.disable();
        return this;
    }

    @Override
    public void close() {
        bus.unregister();
        provider.backing.close();
    }
}
