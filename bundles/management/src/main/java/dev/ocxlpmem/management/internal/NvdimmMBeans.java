package dev.ocxlpmem.management.internal;

import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
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
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.ocxlpmem.management.BusMXBean;
import dev.ocxlpmem.management.CardMXBean;
import dev.ocxlpmem.management.DimmMXBean;
import dev.ocxlpmem.management.NamespaceMXBean;
import dev.ocxlpmem.management.NvdimmMXBean;
import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.management.RegionMXBean;
import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.ocxl.DeviceProblem;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * Publishes an MXBean for the core and for each bus, DIMM and region service and each namespace,
 * as a service with {@code jmx.objectname} that Karaf's JMX whiteboard registers and unregisters;
 * and turns the core's and the namespaces' lifecycle events (EventAdmin) into notifications of
 * the core's MBean and of the MBeans concerned; and the card controllers' events
 * ({@code dev/ocxlpmem/scm/*}) into notifications of the core's MBean and of the DIMM's.
 */
@Component(immediate = true, service = EventHandler.class,
        property = {EventConstants.EVENT_TOPIC + "=" + NvdimmEvent.TOPIC_ALL,
            EventConstants.EVENT_TOPIC + "=" + NamespaceEvent.TOPIC_ALL,
            EventConstants.EVENT_TOPIC + "=" + ScmEvent.TOPIC_ALL})
public final class NvdimmMBeans implements EventHandler {
    private final BundleContext context;
    private final Ndctl ndctl;
    private final NvdimmView core;
    private final ServiceRegistration<NvdimmMXBean> coreRegistration;
    /** By object name: the view and its registration. */
    private final Map<String, Published> published = new HashMap<>();

    private record Published(DescribedView view, ServiceRegistration<?> registration) {
    }

    @Activate
    public NvdimmMBeans(BundleContext context, @Reference Ndctl ndctl) {
        this.context = context;
        this.ndctl = ndctl;
        this.core = new NvdimmView(ndctl);
        this.coreRegistration = context.registerService(NvdimmMXBean.class, core, properties(core));
        publishNamespaces();
    }

    /** A namespace MBean for each namespace with space, enabled or not, that is there already. */
    private void publishNamespaces() {
        try {
            for (NamespaceInfo n : ndctl.namespaces(true)) {
                if (n.configured()) {
                    publish(NamespaceMXBean.class, new NamespaceView(ndctl, n.dev()));
                }
            }
        } catch (NvdimmException e) {
            throw new IllegalStateException("the product itself listing namespaces was refused", e);
        }
    }

    /**
     * A namespace's event: its MBean published when it appears, withdrawn when it goes (after its
     * last notification); the notification to the core's, the region's and the namespace's MBeans.
     */
    private void namespaceEvent(NamespaceEvent e) {
        boolean appears = e.action() == NamespaceEvent.Action.CREATED || e.action() == NamespaceEvent.Action.ADDED;
        boolean goes = e.action() == NamespaceEvent.Action.DESTROYED || e.action() == NamespaceEvent.Action.REMOVED;
        if (appears) {
            publish(NamespaceMXBean.class, new NamespaceView(ndctl, e.dev()));
        }
        core.notify(e);
        for (String name : List.of(ObjectNames.region(e.region()), ObjectNames.namespace(e.dev()))) {
            Published p;
            synchronized (published) {
                p = published.get(name);
            }
            if (p != null) {
                p.view().notify(e);
            }
        }
        if (goes) {
            withdraw(new NamespaceView(ndctl, e.dev()));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBus(Bus bus) {
        publish(BusMXBean.class, new BusView(ndctl, bus.dev()));
    }

    void removeBus(Bus bus) {
        withdraw(new BusView(ndctl, bus.dev()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDimm(Dimm dimm) {
        publish(DimmMXBean.class, new DimmView(ndctl, dimm.dev()));
    }

    void removeDimm(Dimm dimm) {
        withdraw(new DimmView(ndctl, dimm.dev()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRegion(Region region) {
        publish(RegionMXBean.class, new RegionView(ndctl, region.dev()));
    }

    void removeRegion(Region region) {
        withdraw(new RegionView(ndctl, region.dev()));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProblem(DeviceProblem problem) {
        publish(CardMXBean.class, new CardView(problem));
    }

    void removeProblem(DeviceProblem problem) {
        withdraw(new CardView(problem));
    }

    @Override
    public void handleEvent(Event event) {
        Map<String, Object> properties = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            properties.put(name, event.getProperty(name));
        }
        ScmEvent.of(event.getTopic(), properties).ifPresent(this::controllerEvent);
        NamespaceEvent.of(event.getTopic(), properties).ifPresent(this::namespaceEvent);
        NvdimmEvent.of(event.getTopic(), properties).ifPresent(e -> {
            core.notify(e);
            String name = switch (e.kind()) {
                case BUS -> ObjectNames.bus(e.dev());
                case DIMM -> ObjectNames.dimm(e.dev());
                case REGION -> ObjectNames.region(e.dev());
            };
            Published p;
            synchronized (published) {
                p = published.get(name);
            }
            if (p != null) {
                p.view().notify(e);
            }
        });
    }

    /** A DIMM controller's event: a notification of the core's MBean and, once it exists, of the DIMM's. */
    void controllerEvent(ScmEvent e) {
        core.notify(e);
        Published p;
        synchronized (published) {
            p = e.dev().isEmpty() ? null : published.get(ObjectNames.dimm(e.dev()));
        }
        if (p != null) {
            p.view().notify(e);
        }
    }

    private static Dictionary<String, Object> properties(DescribedView view) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("jmx.objectname", view.objectName().toString());
        return properties;
    }

    private <T> void publish(Class<T> type, DescribedView view) {
        ServiceRegistration<T> registration = context.registerService(type, type.cast(view), properties(view));
        Published old;
        synchronized (published) {
            old = published.put(view.objectName().toString(), new Published(view, registration));
        }
        if (old != null) {
            unregister(old.registration());
        }
    }

    private void withdraw(DescribedView view) {
        Published p;
        synchronized (published) {
            p = published.remove(view.objectName().toString());
        }
        if (p != null) {
            unregister(p.registration());
        }
    }

    private static void unregister(ServiceRegistration<?> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // our bundle is stopping and the framework withdrew it
        }
    }

    @Deactivate
    void deactivate() {
        Map<String, Published> all;
        synchronized (published) {
            all = new HashMap<>(published);
            published.clear();
        }
        all.values().forEach(p -> unregister(p.registration()));
        unregister(coreRegistration);
    }
}
