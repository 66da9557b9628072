package dev.ocxlpmem.nvdimm.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmFlag;
import dev.ocxlpmem.nvdimm.InterleaveSet;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDescriptor;
import dev.ocxlpmem.nvdimm.RegionDriver;
import dev.ocxlpmem.nvdimm.RegionExtent;
import dev.ocxlpmem.nvdimm.RegionMapping;

/**
 * A pmem region: what is true of it (size, align, free space, persistence domain, state) and the
 * drivers attached while it is enabled.
 */
final class PmemRegion implements Region {
    private static final Logger LOG = LoggerFactory.getLogger(PmemRegion.class);

    private final NvdimmBus bus;
    private final String dev;
    private final RegionDescriptor descriptor;
    private volatile boolean enabled;
    private volatile boolean readOnly;
    private volatile boolean removed;
    /** By start, non-overlapping; guarded by itself. */
    private final TreeMap<Long, RegionExtent> allocated = new TreeMap<>();
    /** Bytes in {@link #allocated}. */
    private long taken;
    /** Guarded by bus.regionStates' write lock. */
    private final Map<RegionDriver, Attachment> attached = new LinkedHashMap<>();
    private Runnable withdraw = () -> { };

    PmemRegion(NvdimmBus bus, String dev, RegionDescriptor descriptor) {
        this.bus = bus;
        this.dev = dev;
        this.descriptor = descriptor;
    }

    void published(Runnable withdraw) {
        this.withdraw = withdraw;
    }

    RegionDescriptor descriptor() {
        return descriptor;
    }

    boolean maps(NvdimmDimm dimm) {
        for (RegionMapping m : descriptor.mappings()) {
            if (m.dimm() == dimm) {
                return true;
            }
        }
        return false;
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
    public String type() {
        return "pmem";
    }

    @Override
    public long start() {
        return descriptor.start();
    }

    @Override
    public long size() {
        return descriptor.size();
    }

    @Override
    public long align() {
        return descriptor.align();
    }

    @Override
    public long availableSize() {
        synchronized (allocated) {
            return size() - taken;
        }
    }

    @Override
    public long maxAvailableExtent() {
        synchronized (allocated) {
            long largest = 0;
            long at = 0;
            for (RegionExtent e : allocated.values()) {
                largest = Math.max(largest, e.start() - at);
                at = e.end();
            }
            return Math.max(largest, size() - at);
        }
    }

    void allocated(List<RegionExtent> extents) {
        List<RegionExtent> sorted = new ArrayList<>(extents);
        sorted.sort(Comparator.comparingLong(RegionExtent::start));
        long at = 0;
        long sum = 0;
        for (RegionExtent e : sorted) {
            if (e.start() < at || e.end() > size()) {
                throw new IllegalArgumentException(dev + ": extent " + e + " overlaps another or lies outside the "
                        + size() + "-byte region");
            }
            at = e.end();
            sum += e.size();
        }
        synchronized (allocated) {
            allocated.clear();
            sorted.forEach(e -> allocated.put(e.start(), e));
            taken = sum;
        }
    }

    void allocate(RegionExtent extent) {
        synchronized (allocated) {
            Map.Entry<Long, RegionExtent> before = allocated.floorEntry(extent.start());
            Map.Entry<Long, RegionExtent> after = allocated.ceilingEntry(extent.start());
            if (extent.end() > size() || before != null && before.getValue().end() > extent.start()
                    || after != null && after.getKey() < extent.end()) {
                throw new IllegalArgumentException(dev + ": extent " + extent + " overlaps another or lies outside the "
                        + size() + "-byte region");
            }
            allocated.put(extent.start(), extent);
            taken += extent.size();
        }
    }

    void release(RegionExtent extent) {
        synchronized (allocated) {
            if (!extent.equals(allocated.get(extent.start()))) {
                throw new IllegalArgumentException(dev + ": extent " + extent + " is not one that was allocated");
            }
            allocated.remove(extent.start());
            taken -= extent.size();
        }
    }

    @Override
    public List<BadBlock> badBlocks() {
        return bus.badRanges.blocks(start(), size());
    }

    /** Forgets the bad blocks wholly inside {@code [offset, offset + length)} of the region. */
    void clearBadBlocks(long offset, long length) {
        if (offset < 0 || length < 0 || offset > size() - length) {
            throw new IllegalArgumentException(dev + ": " + length + " bytes at offset " + offset
                    + " are outside the " + size() + "-byte region");
        }
        long first = (offset + BadBlock.SECTOR_SIZE - 1) / BadBlock.SECTOR_SIZE * BadBlock.SECTOR_SIZE;
        long end = (offset + length) / BadBlock.SECTOR_SIZE * BadBlock.SECTOR_SIZE;
        if (end > first) {
            bus.badRanges.clear(start() + first, end - first);
        }
    }

    @Override
    public PersistenceDomain persistenceDomain() {
        return descriptor.persistenceDomain();
    }

    @Override
    public List<RegionMapping> mappings() {
        return descriptor.mappings();
    }

    @Override
    public InterleaveSet interleaveSet() {
        return descriptor.interleaveSet();
    }

    @Override
    public int targetNode() {
        return descriptor.targetNode();
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
    public void setReadOnly(boolean readOnly) {
        this.readOnly = readOnly;
    }

    @Override
    public void enable() throws NvdimmException {
        bus.regionStates.writeLock().lock();
        try {
            if (removed || !bus.isRegistered()) {
                throw new NvdimmException(dev + " is gone: its bus " + bus.dev() + " was unregistered");
            }
            if (enabled) {
                return;
            }
            checkDimms();
            for (RegionDriver driver : bus.core().drivers()) {
                try {
                    attach(driver);
                } catch (NvdimmException | RuntimeException e) {
                    detachAll();
                    throw new NvdimmException(dev + " stays disabled: " + e.getMessage(), e);
                }
            }
            enabled = true;
        } finally {
            bus.regionStates.writeLock().unlock();
        }
        bus.core().event(NvdimmEvent.Kind.REGION, NvdimmEvent.Action.ENABLED, dev, bus.dev());
    }

    /**
     * Linux's {@code nd_region_activate} refuses a DIMM in overwrite (-EBUSY), and
     * {@code init_active_labels} a disabled DIMM whose labels the region needs ("is disabled,
     * failing probe"). Under the write lock of region states.
     */
    private void checkDimms() throws NvdimmException {
        for (RegionMapping m : descriptor.mappings()) {
            Dimm d = m.dimm();
            if (d.inOverwrite()) {
                throw new NvdimmException(dev + " stays disabled: " + d.dev() + " is in overwrite: one runs on it, or one "
                        + "did not complete and its media may still hold old data; let an overwrite complete first "
                        + "(ndctl:sanitize-dimm --overwrite " + d.dev() + ")");
            }
            if (!d.isEnabled() && d.flags().contains(DimmFlag.LABELING)) {
                throw new NvdimmException(dev + " stays disabled: " + d.dev() + " is disabled, and the region needs its "
                        + "labels (ndctl:enable-dimm " + d.dev() + ")");
            }
        }
    }

    @Override
    public void disable() {
        bus.regionStates.writeLock().lock();
        try {
            if (!enabled) {
                return;
            }
            detachAll();
            enabled = false;
        } finally {
            bus.regionStates.writeLock().unlock();
        }
        bus.core().event(NvdimmEvent.Kind.REGION, NvdimmEvent.Action.DISABLED, dev, bus.dev());
    }

    /** The bus is going: disabled (drivers detached), withdrawn, then gone. */
    void removed() {
        disable();
        removed = true;
        withdraw.run();
        bus.core().event(NvdimmEvent.Kind.REGION, NvdimmEvent.Action.REMOVED, dev, bus.dev());
    }

    /**
     * A driver that comes while the region is enabled is attached; one that refuses it disables it,
     * as if it had been there when the region was enabled, so that the region never runs without
     * a driver that judged its labels.
     */
    void driverAdded(RegionDriver driver) {
        boolean refused = false;
        bus.regionStates.writeLock().lock();
        try {
            if (enabled && !attached.containsKey(driver)) {
                attach(driver);
            }
        } catch (NvdimmException | RuntimeException e) {
            LOG.warn("nvdimm: {} disabled: region driver {} refused it: {}", dev, driver, e.getMessage());
            detachAll();
            enabled = false;
            refused = true;
        } finally {
            bus.regionStates.writeLock().unlock();
        }
        if (refused) {
            bus.core().event(NvdimmEvent.Kind.REGION, NvdimmEvent.Action.DISABLED, dev, bus.dev());
        }
    }

    void driverRemoved(RegionDriver driver) {
        bus.regionStates.writeLock().lock();
        try {
            Attachment a = attached.remove(driver);
            if (a != null) {
                detach(driver, a);
            }
        } finally {
            bus.regionStates.writeLock().unlock();
        }
    }

    private void attach(RegionDriver driver) throws NvdimmException {
        Attachment a = new Attachment(this);
        attached.put(driver, a);
        try {
            driver.attach(a);
        } catch (NvdimmException | RuntimeException e) {
            attached.remove(driver);
            a.end();
            throw e;
        }
    }

    private void detachAll() {
        List<Map.Entry<RegionDriver, Attachment>> all = new ArrayList<>(attached.entrySet());
        attached.clear();
        for (int i = all.size() - 1; i >= 0; i--) {
            detach(all.get(i).getKey(), all.get(i).getValue());
        }
    }

    private void detach(RegionDriver driver, Attachment a) {
        try {
            driver.detach(a);
        } catch (RuntimeException e) {
            LOG.warn("nvdimm: region driver {} failed to detach from {}: {}", driver, dev, e.getMessage(), e);
        } finally {
            a.end();
        }
    }

    @Override
    public String toString() {
        return dev;
    }
}
