package dev.ocxlpmem.nvdimm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;

/** A provider whose label area is a heap array; it records the transfers it was asked for. */
final class ArrayLabelProvider implements CommandHandler {
    final byte[] area;
    final int maxXfer;
    final List<DimmCommand<?>> seen = new ArrayList<>();

    ArrayLabelProvider(int size, int maxXfer) {
        this.area = new byte[size];
        this.maxXfer = maxXfer;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <R> R execute(Dimm dimm, DimmCommand<R> command) throws CommandException {
        seen.add(command);
        if (command instanceof DimmCommand.GetConfigSize) {
            return (R) new ConfigSize(area.length, maxXfer);
        }
        if (command instanceof DimmCommand.GetConfigData get) {
            return (R) Arrays.copyOfRange(area, (int) get.offset(), (int) get.offset() + get.length());
        }
        if (command instanceof DimmCommand.SetConfigData set) {
            System.arraycopy(set.data(), 0, area, (int) set.offset(), set.data().length);
            return null;
        }
        if (command instanceof DimmCommand.Call call) {
            return (R) call.input().clone();
        }
        throw new CommandException("unknown command " + command.type());
    }
}
