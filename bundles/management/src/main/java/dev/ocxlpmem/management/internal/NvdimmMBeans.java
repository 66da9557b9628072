package dev.ocxlpmem.management.internal;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.Map;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

import dev.ocxlpmem.management.BusMXBean;
import dev.ocxlpmem.management.DimmMXBean;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.management.RegionMXBean;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Region;

/**
 * Follows the nvdimm core's bus, DIMM and region services and publishes an MXBean for each as a
 * service with {@code jmx.objectname}, which Karaf's JMX whiteboard registers and unregisters.
 */
@Component(immediate = true)
public final class NvdimmMBeans {
    private final BundleContext context;
    private final Map<Object, ServiceRegistration<?>> published = new HashMap<>();

    @Activate
    public NvdimmMBeans(BundleContext context) {
        this.context = context;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBus(Bus bus) {
        publish(bus, BusMXBean.class, new BusView(bus), ObjectNames.bus(bus.dev()));
    }

    void removeBus(Bus bus) {
        withdraw(bus);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDimm(Dimm dimm) {
        publish(dimm, DimmMXBean.class, new DimmView(dimm), ObjectNames.dimm(dimm.dev()));
    }

    void removeDimm(Dimm dimm) {
        withdraw(dimm);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRegion(Region region) {
        publish(region, RegionMXBean.class, new RegionView(region), ObjectNames.region(region.dev()));
    }

    void removeRegion(Region region) {
        withdraw(region);
    }

    private <T> void publish(Object device, Class<T> type, T view, String objectName) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("jmx.objectname", objectName);
        ServiceRegistration<T> registration = context.registerService(type, view, properties);
        synchronized (published) {
            published.put(device, registration);
        }
    }

    private void withdraw(Object device) {
        ServiceRegistration<?> registration;
        synchronized (published) {
            registration = published.remove(device);
        }
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // our bundle is stopping and the framework withdrew it
            }
        }
    }

    @Deactivate
    void deactivate() {
        Map<Object, ServiceRegistration<?>> all;
        synchronized (published) {
            all = new HashMap<>(published);
        }
        all.keySet().forEach(this::withdraw);
    }
}
