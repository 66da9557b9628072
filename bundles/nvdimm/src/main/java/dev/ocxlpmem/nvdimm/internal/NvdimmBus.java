package dev.ocxlpmem.nvdimm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.CallObserver;
import dev.ocxlpmem.nvdimm.CommandException;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.NdCommand;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDriver;

/**
 * A registered bus as clients see it: owns its DIMMs and regions and is the only path from a
 * client to the provider's handler, which it never hands out.
 */
final class NvdimmBus implements Bus {
    private static final Logger LOG = LoggerFactory.getLogger(NvdimmBus.class);

    private final Core core;
    private final String dev;
    private final BusDescriptor descriptor;
    private final CommandHandler handler;
    private final List<NvdimmDimm> dimms = new ArrayList<>();
    private final List<PmemRegion> regions = new ArrayList<>();
    /**
     * Region state changes take it exclusively, label writes from clients shared: a region cannot
     * be enabled in the middle of a by-hand label write, nor a write slip in while one is enabled.
     */
    final ReadWriteLock regionStates = new ReentrantReadWriteLock();
    /** What the provider reported bad, for every region of the bus. */
    final BadRanges badRanges = new BadRanges();
    private Runnable withdraw = () -> { };
    private volatile boolean registered = true;

    NvdimmBus(Core core, String dev, BusDescriptor descriptor, CommandHandler handler) {
        this.core = core;
        this.dev = dev;
        this.descriptor = descriptor;
        this.handler = handler;
    }

    void published(Runnable withdraw) {
        this.withdraw = withdraw;
    }

    Core core() {
        return core;
    }

    @Override
    public String dev() {
        return dev;
    }

    @Override
    public String provider() {
        return descriptor.providerName();
    }

    @Override
    public Set<Integer> families() {
        return descriptor.dimmFamilies();
    }

    @Override
    public synchronized List<Dimm> dimms() {
        return List.copyOf(dimms);
    }

    @Override
    public synchronized List<Region> regions() {
        return List.copyOf(regions);
    }

    synchronized List<PmemRegion> pmemRegions() {
        return List.copyOf(regions);
    }

    synchronized boolean holds(NvdimmDimm dimm) {
        return dimms.contains(dimm);
    }

    synchronized void add(NvdimmDimm dimm) throws NvdimmException {
        requireRegistered();
        dimms.add(dimm);
    }

    synchronized void add(PmemRegion region) throws NvdimmException {
        requireRegistered();
        regions.add(region);
    }

    synchronized int dimmCount() {
        return dimms.size();
    }

    @Override
    public <R> R call(Dimm dimm, DimmCommand<R> command) throws NvdimmException {
        CallObserver[] observers = core.observers();
        if (observers.length == 0) {
            return dispatch(dimm, command);
        }
        long start = System.nanoTime();
        CallObserver.Outcome outcome = CallObserver.Outcome.FAILED;
        try {
            R answer = dispatch(dimm, command);
            outcome = CallObserver.Outcome.OK;
            return answer;
        } catch (CommandRefusedException e) {
            outcome = CallObserver.Outcome.REFUSED;
            throw e;
        } finally {
            long nanos = System.nanoTime() - start;
            for (CallObserver observer : observers) {
                try {
                    observer.called(this, dimm, command, outcome, nanos);
                } catch (RuntimeException e) {
                    // an observer is for metrics: its failure must not become the command's
                    LOG.debug("nvdimm: call observer {} failed: {}", observer, e.toString(), e);
                }
            }
        }
    }

    private <R> R dispatch(Dimm dimm, DimmCommand<R> command) throws NvdimmException {
        NvdimmDimm target;
        Attachment owner = null;
        if (dimm instanceof LabelOwnerDimm view) {
            target = view.dimm();
            owner = view.attachment();
        } else if (dimm instanceof NvdimmDimm plain) {
            target = plain;
        } else {
            throw new CommandException(dimm.dev() + " is not a DIMM of " + dev);
        }
        if (target.bus() != this) {
            throw new CommandException(dimm.dev() + " is not a DIMM of " + dev);
        }
        if (!registered) {
            throw new CommandException(dev + " is no longer registered: its device went away");
        }
        CommandGate.check(this, target, command, owner);
        boolean labelWrite = command.type() == NdCommand.SET_CONFIG_DATA && owner == null;
        if (labelWrite) {
            regionStates.readLock().lock();
        }
        try {
            if (labelWrite) {
                // checked again under the lock: a region may have been enabled since the gate
                CommandGate.checkNoRegionEnabled(this, target);
            }
            return handler.execute(target, command);
        } catch (CommandException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CommandException(dimm.dev() + ": " + command.type() + " failed: " + e, e);
        } finally {
            if (labelWrite) {
                regionStates.readLock().unlock();
            }
        }
    }

    /** Attaches a driver that registered while regions were already enabled. */
    void driverAdded(RegionDriver driver) {
        for (PmemRegion region : pmemRegions()) {
            region.driverAdded(driver);
        }
    }

    void driverRemoved(RegionDriver driver) {
        for (PmemRegion region : pmemRegions()) {
            region.driverRemoved(driver);
        }
    }

    void unregister() {
        List<PmemRegion> goneRegions;
        List<NvdimmDimm> goneDimms;
        synchronized (this) {
            if (!registered) {
                return;
            }
            registered = false;
            goneRegions = new ArrayList<>(regions);
            goneDimms = new ArrayList<>(dimms);
            regions.clear();
            dimms.clear();
        }
        // Reverse order of creation: regions, then DIMMs, then the bus.
        for (int i = goneRegions.size() - 1; i >= 0; i--) {
            goneRegions.get(i).removed();
            core.regionNames.release(goneRegions.get(i).dev());
        }
        for (int i = goneDimms.size() - 1; i >= 0; i--) {
            goneDimms.get(i).removed();
            core.dimmNames.release(goneDimms.get(i).dev());
        }
        withdraw.run();
        core.removed(this);
        core.event(NvdimmEvent.Kind.BUS, NvdimmEvent.Action.REMOVED, dev, dev);
    }

    @Override
    public boolean isRegistered() {
        return registered;
    }

    void requireRegistered() throws NvdimmException {
        if (!registered) {
            throw new NvdimmException(dev + " is no longer registered");
        }
    }

    @Override
    public String toString() {
        return dev + " (" + provider() + ")";
    }
}
