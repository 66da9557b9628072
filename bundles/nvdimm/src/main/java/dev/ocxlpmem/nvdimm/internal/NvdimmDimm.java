package dev.ocxlpmem.nvdimm.internal;

import java.util.Set;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmException;

/** A DIMM, and libnvdimm's chunked config-data helpers ({@code drivers/nvdimm/dimm_devs.c}). */
final class NvdimmDimm implements Dimm {
    private final NvdimmBus bus;
    private final String dev;
    private final int handle;
    private final DimmDescriptor descriptor;
    private Runnable withdraw = () -> { };

    NvdimmDimm(NvdimmBus bus, String dev, int handle, DimmDescriptor descriptor) {
        this.bus = bus;
        this.dev = dev;
        this.handle = handle;
        this.descriptor = descriptor;
    }

    void published(Runnable withdraw) {
        this.withdraw = withdraw;
    }

    void removed() {
        withdraw.run();
    }

    @Override
    public String dev() {
        return dev;
    }

    @Override
    public Bus bus() {
        return bus;
    }

    @Override
    public String id() {
        return descriptor.id();
    }

    @Override
    public int handle() {
        return handle;
    }

    @Override
    public Set<DimmFlag> flags() {
        return descriptor.flags();
    }

    @Override
    public Set<NdCommand> commands() {
        return descriptor.commands();
    }

    @Override
    public int family() {
        return descriptor.family();
    }

    @Override
    public ConfigSize configSize() throws NvdimmException {
        ConfigSize size = call(new DimmCommand.GetConfigSize());
        if (size.configSize() < 0 || size.maxXfer() <= 0) {
            throw new CommandException(dev + " reports an unusable label area: size " + size.configSize()
                    + ", max_xfer " + size.maxXfer());
        }
        return size;
    }

    @Override
    public byte[] readConfig(long offset, int length) throws NvdimmException {
        ConfigSize size = configSize();
        checkRange(size, offset, length);
        byte[] data = new byte[length];
        for (int done = 0; done < length; ) {
            int chunk = Math.min(size.maxXfer(), length - done);
            byte[] part = call(new DimmCommand.GetConfigData(offset + done, chunk));
            if (part.length != chunk) {
                throw new CommandException(dev + " returned " + part.length + " bytes for a read of " + chunk
                        + " at offset " + (offset + done));
            }
            System.arraycopy(part, 0, data, done, chunk);
            done += chunk;
        }
        return data;
    }

    @Override
    public void writeConfig(long offset, byte[] data) throws NvdimmException {
        ConfigSize size = configSize();
        checkRange(size, offset, data.length);
        for (int done = 0; done < data.length; ) {
            int chunk = Math.min(size.maxXfer(), data.length - done);
            byte[] part = new byte[chunk];
            System.arraycopy(data, done, part, 0, chunk);
            call(new DimmCommand.SetConfigData(offset + done, part));
            done += chunk;
        }
    }

    private void checkRange(ConfigSize size, long offset, long length) throws CommandException {
        // offset > size - length cannot overflow: both are non-negative.
        if (offset < 0 || length < 0 || offset > size.configSize() - length) {
            throw new CommandException(dev + ": label area access of " + length + " bytes at offset " + offset
                    + " is outside the " + size.configSize() + "-byte label area");
        }
    }

    @Override
    public String toString() {
        return dev;
    }
}
