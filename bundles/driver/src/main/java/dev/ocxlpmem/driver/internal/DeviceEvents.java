package dev.ocxlpmem.driver.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.driver.internal.ControllerCommandException.Reason;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.CommandRefusedException;
import dev.ocxlpmem.nvdimm.DimmRegistration;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.scm.ChiBit;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.Health;
import dev.ocxlpmem.scm.MediaError;
import dev.ocxlpmem.scm.Opcode;
import dev.ocxlpmem.scm.OverwriteState;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * What one card's controller tells the driver, handed on: every event as an {@link ScmEvent}
 * (EventAdmin in OSGi), and the media the card reports unreadable as bad ranges of its bus, which
 * its region lists as bad blocks. The controller may speak before the DIMM is registered (at
 * probe, or an interrupt in between): its events then name no DIMM, and its bad ranges wait for
 * the bus. Called on the controller's interrupt thread, one event at a time.
 */
final class DeviceEvents implements ControllerListener {
    private static final Logger LOG = LoggerFactory.getLogger(DeviceEvents.class);

    private final String location;
    private final Consumer<ScmEvent> sink;
    private final List<MediaError> pending = new ArrayList<>();
    private BusRegistration registration;
    private DimmRegistration dimmRegistration;
    private boolean fatal;
    private boolean inOverwrite;
    private long lpcSize;
    private String dimm = "";
    private String bus = "";

    DeviceEvents(String location, Consumer<ScmEvent> sink) {
        this.location = location;
        this.sink = sink;
    }

    /** The DIMM is registered: later events name it, and the bad ranges reported so far reach its bus. */
    void registered(BusRegistration busRegistration, DimmRegistration dimmRegistered, long lpcMemorySize) {
        List<MediaError> reported;
        boolean failed;
        boolean overwriting;
        synchronized (this) {
            registration = busRegistration;
            dimmRegistration = dimmRegistered;
            lpcSize = lpcMemorySize;
            dimm = dimmRegistered.dimm().dev();
            failed = fatal;
            overwriting = inOverwrite;
            bus = busRegistration.bus().dev();
            reported = new ArrayList<>(pending);
            pending.clear();
        }
        reported.forEach(this::badRange);
        if (failed) {
            stopTrusting(dimmRegistered);
        }
        if (overwriting) {
            try {
                dimmRegistered.setInOverwrite(true);
            } catch (CommandRefusedException e) {
                throw new IllegalStateException("a new DIMM has no region yet: " + e.getMessage(), e);
            }
        }
    }

    /**
     * {@code ndctl enable-dimm}: a DIMM the driver stopped trusting (its controller went fatal) is
     * trusted again once the controller has left the fatal state and answers; it is writable again.
     */
    void enableCheck(ScmController controller) throws NvdimmException {
        String dev;
        synchronized (this) {
            dev = dimm;
        }
        try {
            controller.requireWorking();
        } catch (ControllerCommandException e) {
            throw new NvdimmException(dev + " stays disabled: " + e.getMessage());
        }
        DimmRegistration d;
        boolean wasFatal;
        synchronized (this) {
            wasFatal = fatal;
            fatal = false;
            d = dimmRegistration;
        }
        if (wasFatal) {
            d.setReadOnly(false);
            LOG.info("ocxlpmem {}: {} is writable again: its controller left the fatal state", location, dev);
        }
    }

    @Override
    public void inOverwrite(boolean value) throws ControllerCommandException {
        DimmRegistration d;
        synchronized (this) {
            d = dimmRegistration;
            if (d == null) {
                inOverwrite = value;
                return;
            }
        }
        try {
            d.setInOverwrite(value);
        } catch (CommandRefusedException e) {
            throw new ControllerCommandException(Reason.INPUT, Opcode.SECURE_ERASE.code(), e.getMessage());
        }
        synchronized (this) {
            inOverwrite = value;
        }
    }

    /**
     * A controller in a fatal state can no longer be trusted with writes: the DIMM becomes read-only
     * (the bus refuses what would change it) and disabled, which its state shows; reads and queries
     * still answer.
     */
    private void stopTrusting(DimmRegistration d) {
        d.setReadOnly(true);
        d.setEnabled(false);
        LOG.error("ocxlpmem {}: {} is read-only and disabled: its controller is in a fatal state", location,
                d.dimm().dev());
    }

    @Override
    public void errorLogged(ErrorLogEntry entry) {
        entry.mediaError().ifPresent(range -> {
            synchronized (this) {
                if (registration == null) {
                    pending.add(range);
                    return;
                }
            }
            badRange(range);
        });
        post(ScmEvent.errorLogged(location, entry));
    }

    /** LPC offsets are the bus's addresses: the region starts at the end of the label area. */
    private void badRange(MediaError range) {
        BusRegistration r;
        synchronized (this) {
            r = registration;
        }
        r.addBadRange(range.offset(), range.length());
        LOG.warn("ocxlpmem {}: media error in {}: a bad range of {}", location, range, r.bus().dev());
    }

    @Override
    public void controllerDumpAvailable() {
        post(ScmEvent.dumpAvailable(location));
    }

    @Override
    public void fatal(ChiBit state, long chi) {
        DimmRegistration d;
        synchronized (this) {
            fatal = true;
            d = dimmRegistration;
        }
        if (d != null) {
            stopTrusting(d);
        }
        post(ScmEvent.fatal(location, state == ChiBit.CHFS, chi));
    }

    @Override
    public void healthChanged(Health before, Health after) {
        post(ScmEvent.healthChanged(location, before, after));
    }

    /** A finished overwrite rewrote all the media: nothing the card reported bad is bad any more. */
    @Override
    public void overwriteEnded(OverwriteState state) {
        BusRegistration r;
        long size;
        synchronized (this) {
            r = registration;
            size = lpcSize;
            if (state.state() == OverwriteState.State.SUCCEEDED) {
                pending.clear();
            }
        }
        if (r != null && state.state() == OverwriteState.State.SUCCEEDED) {
            r.clearBadRange(0, size);
        }
        post(ScmEvent.overwriteEnded(location, state));
    }

    private void post(ScmEvent event) {
        String d;
        String b;
        synchronized (this) {
            d = dimm;
            b = bus;
        }
        try {
            sink.accept(event.on(d, b));
        } catch (RuntimeException e) {
            // a subscriber's failure must not stop the controller's interrupt handling
            LOG.warn("ocxlpmem {}: delivering {} failed: {}", location, event.kind(), e.toString(), e);
        }
    }
}
