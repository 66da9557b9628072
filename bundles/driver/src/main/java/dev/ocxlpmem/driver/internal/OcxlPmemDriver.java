package dev.ocxlpmem.driver.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.driver.DriverConfig;
import dev.ocxlpmem.nvdimm.BusRegistry;
import dev.ocxlpmem.ocxl.DeviceProblem;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.ocxl.OpenFunction;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * The driver: bound to every OpenCAPI function of IBM 0x0625 as a PCI driver is through its ID
 * table. Function 0 is opened so the card enables its higher templates; function 1 is probed.
 *
 * <p>Function 1 is probed on the driver's own thread, as Linux probes asynchronously: a card whose
 * controller is slow to become ready may hold a probe for CCAP0's timeouts (up to 15 s + 68 min),
 * and the thread that announced the function (Config Admin's, SCR's) must not wait for that. An
 * unbind during the probe interrupts its wait; the probe then fails and undoes itself.
 */
@Component(configurationPid = DriverConfig.PID, immediate = true)
@Designate(ocd = DriverConfig.class)
public final class OcxlPmemDriver {
    /** IBM (0x1014) device 0x0625, in the decimal form LDAP filters compare. */
    static final String ID_TABLE = "(&(" + OcxlFunction.VENDOR + "=4116)(" + OcxlFunction.DEVICE + "=1573))";
    private static final Logger LOG = LoggerFactory.getLogger(OcxlPmemDriver.class);

    private final BusRegistry nvdimm;
    private final long labelAreaSize;
    /** Per bound function: its OpenFunction (function 0) or OcxlPmemDevice (function 1), once probed. */
    private final Map<OcxlFunction, Runnable> removals = new LinkedHashMap<>();
    /** Per function 1 being probed: the probe, which puts its removal in {@link #removals} when done. */
    private final Map<OcxlFunction, Probe> probing = new LinkedHashMap<>();
    private final ExecutorService prober = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "ocxlpmem probe");
        t.setDaemon(true);
        return t;
    });
    private volatile EventAdmin eventAdmin;
    private final BundleContext context;

    @Activate
    public OcxlPmemDriver(BundleContext context, @Reference BusRegistry nvdimm, DriverConfig config) {
        this.context = context;
        this.nvdimm = nvdimm;
        this.labelAreaSize = config.labelAreaSize();
        if (labelAreaSize < 4096 || labelAreaSize % 4096 != 0) {
            prober.shutdown();
            throw new IllegalArgumentException("labelAreaSize " + labelAreaSize
                    + " must be a multiple of 4096 and at least 4096");
        }
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin admin) {
        this.eventAdmin = admin;
    }

    void unsetEventAdmin(EventAdmin admin) {
        if (this.eventAdmin == admin) {
            this.eventAdmin = null;
        }
    }

    /** postEvent: delivered in order on EventAdmin's thread, so the interrupt thread never waits for a subscriber. */
    private void post(ScmEvent event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(event.topic(), event.properties()));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = ID_TABLE)
    void bindFunction(OcxlFunction function) {
        switch (function.functionNumber()) {
            case 0 -> {
                try {
                    OpenFunction open = function.open();
                    LOG.info("ocxlpmem {}: function 0 opened", function.location());
                    synchronized (removals) {
                        removals.put(function, open::close);
                    }
                } catch (OcxlException e) {
                    LOG.error("ocxlpmem {}: cannot open function 0: {}", function.location(), e.getMessage(), e);
                    published(function, new DeviceProblem(function.location(), "ocxlpmem driver", "open function",
                            String.valueOf(e.getMessage()), "another driver may hold the function; see the log"));
                }
            }
            case 1 -> {
                Probe probe = new Probe(function);
                synchronized (removals) {
                    probing.put(function, probe);
                }
                prober.execute(probe);
            }
            default -> {
                // not a function of this device
            }
        }
    }

    /** One probe of function 1, which an unbind may interrupt and then waits for. */
    private final class Probe implements Runnable {
        private final OcxlFunction function;
        private final CountDownLatch done = new CountDownLatch(1);
        private Thread thread;
        private boolean cancelled;

        Probe(OcxlFunction function) {
            this.function = function;
        }

        @Override
        public void run() {
            synchronized (this) {
                if (cancelled) {
                    done.countDown();
                    return;
                }
                thread = Thread.currentThread();
            }
            try {
                OcxlPmemDevice device = OcxlPmemDevice.probe(function, nvdimm, labelAreaSize,
                        OcxlPmemDriver.this::post, CommandTimeouts.documented());
                synchronized (removals) {
                    removals.put(function, device::remove);
                }
            } catch (ProbeException e) {
                LOG.error(e.getMessage(), e);
                published(function, e.problem());
            } finally {
                synchronized (this) {
                    thread = null;
                    Thread.interrupted(); // an unbind's interrupt ends with this probe
                }
                synchronized (removals) {
                    probing.remove(function, this);
                }
                done.countDown();
            }
        }

        /** Interrupts the probe if it runs (or keeps it from running), then waits for it to end. */
        void cancel() {
            synchronized (this) {
                cancelled = true;
                if (thread != null) {
                    thread.interrupt();
                }
            }
            await();
        }

        void await() {
            try {
                done.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Shows a failed probe beside the working devices until the function goes away. */
    private void published(OcxlFunction function, DeviceProblem problem) {
        if (context == null) {
            return;
        }
        Dictionary<String, Object> where = new Hashtable<>();
        where.put(DeviceProblem.LOCATION, problem.location());
        ServiceRegistration<DeviceProblem> registration = context.registerService(DeviceProblem.class, problem, where);
        synchronized (removals) {
            removals.put(function, () -> {
                try {
                    registration.unregister();
                } catch (IllegalStateException alreadyGone) {
                    // the framework withdrew it when the bundle stopped
                }
            });
        }
    }

    /** Waits for the probes under way, for callers that need their outcome (tests). */
    void awaitProbes() {
        List<Probe> pending;
        synchronized (removals) {
            pending = new ArrayList<>(probing.values());
        }
        pending.forEach(Probe::await);
    }

    void unbindFunction(OcxlFunction function) {
        Probe probe;
        synchronized (removals) {
            probe = probing.get(function);
        }
        if (probe != null) {
            probe.cancel();
        }
        Runnable removal;
        synchronized (removals) {
            removal = removals.remove(function);
        }
        if (removal != null) {
            removal.run();
        }
    }

    @Deactivate
    void deactivate() {
        List<OcxlFunction> functions;
        synchronized (removals) {
            functions = new ArrayList<>(probing.keySet());
            functions.addAll(removals.keySet());
        }
        for (int i = functions.size() - 1; i >= 0; i--) {
            unbindFunction(functions.get(i));
        }
        prober.shutdown();
    }
}
