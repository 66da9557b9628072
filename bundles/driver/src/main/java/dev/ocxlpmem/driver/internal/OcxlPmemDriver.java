package dev.ocxlpmem.driver.internal;

import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.driver.DriverConfig;
import dev.ocxlpmem.nvdimm.BusRegistry;
import dev.ocxlpmem.ocxl.DeviceProblem;
import dev.ocxlpmem.ocxl.OcxlException;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.ocxl.OpenFunction;

/**
 * The driver: bound to every OpenCAPI function of IBM 0x0625 as a PCI driver is through its ID
 * table. Function 0 is opened so the card enables its higher templates; function 1 is probed.
 */
@Component(configurationPid = DriverConfig.PID, immediate = true)
@Designate(ocd = DriverConfig.class)
public final class OcxlPmemDriver {
    /** IBM (0x1014) device 0x0625, in the decimal form LDAP filters compare. */
    static final String ID_TABLE = "(&(" + OcxlFunction.VENDOR + "=4116)(" + OcxlFunction.DEVICE + "=1573))";
    private static final Logger LOG = LoggerFactory.getLogger(OcxlPmemDriver.class);

    private final BusRegistry nvdimm;
    private final long labelAreaSize;
    /** Per bound function: its OpenFunction (function 0) or OcxlPmemDevice (function 1). */
    private final Map<OcxlFunction, Runnable> removals = new LinkedHashMap<>();
    private final BundleContext context;

    @Activate
    public OcxlPmemDriver(BundleContext context, @Reference BusRegistry nvdimm, DriverConfig config) {
        this.context = context;
        this.nvdimm = nvdimm;
        this.labelAreaSize = config.labelAreaSize();
        if (labelAreaSize < 4096 || labelAreaSize % 4096 != 0) {
            throw new IllegalArgumentException("labelAreaSize " + labelAreaSize
                    + " must be a multiple of 4096 and at least 4096");
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, target = ID_TABLE)
    void bindFunction(OcxlFunction function) {
        try {
            Runnable removal = probe(function);
            if (removal != null) {
                synchronized (removals) {
                    removals.put(function, removal);
                }
            }
        } catch (ProbeException e) {
            LOG.error(e.getMessage(), e);
            published(function, e.problem());
        } catch (OcxlException e) {
            LOG.error(e.getMessage(), e);
            published(function, new DeviceProblem(function.location(), "ocxlpmem driver", "open function",
                    String.valueOf(e.getMessage()), "another driver may hold the function; see the log"));
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

    private Runnable probe(OcxlFunction function) throws OcxlException, ProbeException {
        switch (function.functionNumber()) {
            case 0:
                OpenFunction open = function.open();
                LOG.info("ocxlpmem {}: function 0 opened", function.location());
                return open::close;
            case 1:
                return OcxlPmemDevice.probe(function, nvdimm, labelAreaSize)::remove;
            default:
                return null;
        }
    }

    void unbindFunction(OcxlFunction function) {
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
        List<Runnable> all;
        synchronized (removals) {
            all = new ArrayList<>(removals.values());
            removals.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            all.get(i).run();
        }
    }
}
