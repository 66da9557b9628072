package dev.ocxlpmem.bench.labels;

import java.util.Set;

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
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionMapping;
import dev.ocxlpmem.nvdimm.internal.NvdimmCore;

/**
 * A real nvdimm bus whose one DIMM's label area is a heap array, with a 1 GiB region over it: the
 * store is measured through the same command path as on a card, without the card's memory.
 */
final class ArrayLabelArea implements CommandHandler {
    static final long COOKIE = 0x12345;
    static final long REGION_SIZE = 1L << 30;

    final byte[] area;
    final Dimm dimm;

    ArrayLabelArea(int size) throws NvdimmException {
        this.area = new byte[size];
        Bus bus = new NvdimmCore().registerBus(new BusDescriptor("bench", this, Set.of()));
        this.dimm = bus.createDimm(new DimmDescriptor("bench-0", Set.of(DimmFlag.LABELING),
                Set.of(NdCommand.GET_CONFIG_SIZE, NdCommand.GET_CONFIG_DATA, NdCommand.SET_CONFIG_DATA), -1));
        bus.createPmemRegion(new RegionDescriptor(0, REGION_SIZE, java.util.List.of(new RegionMapping(dimm, 0,
                REGION_SIZE, 0)), new InterleaveSet(COOKIE, COOKIE), -1)).disable();
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R execute(Dimm target, DimmCommand<R> command) throws CommandException {
        if (command instanceof DimmCommand.GetConfigSize) {
            return (R) new ConfigSize(area.length, 64 * 1024);
        }
        if (command instanceof DimmCommand.GetConfigData get) {
            byte[] data = new byte[get.length()];
            System.arraycopy(area, (int) get.offset(), data, 0, data.length);
            return (R) data;
        }
        if (command instanceof DimmCommand.SetConfigData set) {
            System.arraycopy(set.data(), 0, area, (int) set.offset(), set.data().length);
            return null;
        }
        throw new CommandException("not a config-data command: " + command.type());
    }
}
