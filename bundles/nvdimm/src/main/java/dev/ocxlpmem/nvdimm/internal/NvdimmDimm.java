package dev.ocxlpmem.nvdimm.internal;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.ConfigSize;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.DimmDescriptor;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.DimmRegistration;
import dev.ocxlpmem.nvdimm.FamilyFunctions;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * A DIMM as clients see it, and libnvdimm's chunked config-data transfers
 * ({@code drivers/nvdimm/dimm_devs.c}: {@code nvdimm_init_nsarea}, {@code nvdimm_get_config_data},
 * {@code nvdimm_set_config_data}).
 */
final class NvdimmDimm implements Dimm {
    private final NvdimmBus bus;
    private final String dev;
    private final int handle;
    private final DimmDescriptor descriptor;
    private volatile boolean enabled = true;
    private volatile boolean readOnly;
    /** Set and read under bus.regionStates, so that no region is enabled while it is set. */
    private volatile boolean inOverwrite;
    private volatile DimmRegistration.EnableCheck enableCheck = () -> { };
    /** One enable or disable at a time. */
    private final Object transitions = new Object();
    /** Asked once: a label area does not change size under a registered DIMM. */
    private volatile ConfigSize configSize;
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
        bus.core().releaseDimmId(descriptor.id());
        bus.core().event(NvdimmEvent.Kind.DIMM, NvdimmEvent.Action.REMOVED,
                dev, bus.dev());
    }

    /** Sets the state and tells everyone, if it changed. */
    void setEnabled(boolean enabled) {
        if (this.enabled != enabled) {
            this.enabled = enabled;
            bus.core().event(NvdimmEvent.Kind.DIMM, enabled ? NvdimmEvent.Action.ENABLED : NvdimmEvent.Action.DISABLED,
                    dev, bus.dev());
        }
    }

    void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    void setEnableCheck(DimmRegistration.EnableCheck check) {
        this.enableCheck = check;
    }

    void setInOverwrite(boolean value) throws CommandRefusedException {
        bus.regionStates.writeLock().lock();
        try {
            Optional<PmemRegion> active = value ? enabledRegion() : Optional.empty();
            if (active.isPresent()) {
                throw new CommandRefusedException(dev + ": " + active.get().dev() + " is enabled: an overwrite would "
                        + "rewrite its media under its driver; disable it first (ndctl:disable-region "
                        + active.get().dev() + ")");
            }
            inOverwrite = value;
        } finally {
            bus.regionStates.writeLock().unlock();
        }
    }

    /** An enabled region on this DIMM; callers hold bus.regionStates, so that none is enabled meanwhile. */
    private Optional<PmemRegion> enabledRegion() {
        return bus.pmemRegions().stream().filter(r -> r.maps(this) && r.isEnabled()).findFirst();
    }

    @Override
    public boolean inOverwrite() {
        return inOverwrite;
    }

    @Override
    public void enable() throws NvdimmException {
        synchronized (transitions) {
            bus.requireRegistered();
            if (enabled) {
                return;
            }
            enableCheck.check();
            setEnabled(true);
        }
    }

    /** ndctl's {@code action_disable}: an active DIMM is refused (ndctl 76 ndctl/dimm.c). */
    @Override
    public void disable() throws NvdimmException {
        synchronized (transitions) {
            bus.regionStates.writeLock().lock();
            try {
                Optional<PmemRegion> active = enabledRegion();
                if (active.isPresent()) {
                    throw new CommandRefusedException(dev + " is active, skipping...: " + active.get().dev()
                            + " is enabled on it (ndctl:disable-region " + active.get().dev() + ")");
                }
                setEnabled(false);
            } finally {
                bus.regionStates.writeLock().unlock();
            }
        }
    }

    @Override
    public String dev() {
        return dev;
    }

    @Override
    public NvdimmBus bus() {
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
    public List<FamilyFunctions> families() {
        return descriptor.families();
    }

    @Override
    public boolean isEnabled() {
        return enabled;
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    @Override
    public ConfigSize configSize() throws NvdimmException {
        return configSize(this);
    }

    @Override
    public byte[] readConfig(long offset, int length) throws NvdimmException {
        return readConfig(this, offset, length);
    }

    @Override
    public void writeConfig(long offset, byte[] data) throws NvdimmException {
        writeConfig(this, offset, data);
    }

    // The transfers, through whichever view ('via') of this DIMM the caller holds, so that a
    // region driver's label-owner view keeps its own rights at the gate.

    ConfigSize configSize(Dimm via) throws NvdimmException {
        ConfigSize size = configSize;
        if (size == null) {
            size = via.call(new DimmCommand.GetConfigSize());
            if (size.configSize() < 0 || size.maxXfer() <= 0) {
                throw new CommandException(dev + " reports an unusable label area: size " + size.configSize()
                        + ", max_xfer " + size.maxXfer());
            }
            configSize = size;
        }
        return size;
    }

    byte[] readConfig(Dimm via, long offset, int length) throws NvdimmException {
        ConfigSize size = configSize(via);
        checkRange(size, offset, length);
        byte[] data = new byte[length];
        for (int done = 0; done < length; ) {
            int chunk = Math.min(size.maxXfer(), length - done);
            ByteBuffer part = ByteBuffer.wrap(data, done, chunk).slice();
            via.call(new DimmCommand.GetConfigData(offset + done, part));
            if (part.hasRemaining()) {
                throw new CommandException(dev + " returned " + part.position() + " bytes for a read of " + chunk
                        + " at offset " + (offset + done));
            }
            done += chunk;
        }
        return data;
    }

    void writeConfig(Dimm via, long offset, byte[] data) throws NvdimmException {
        ConfigSize size = configSize(via);
        checkRange(size, offset, data.length);
        boolean client = via == this;
        if (client) {
            // A region may not be enabled half-way through a write by hand: see NvdimmBus.regionStates.
            bus.regionStates.readLock().lock();
        }
        try {
            for (int done = 0; done < data.length; ) {
                int chunk = Math.min(size.maxXfer(), data.length - done);
                via.call(new DimmCommand.SetConfigData(offset + done, ByteBuffer.wrap(data, done, chunk).slice()));
                done += chunk;
            }
        } finally {
            if (client) {
                bus.regionStates.readLock().unlock();
            }
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
