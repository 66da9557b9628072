package dev.ocxlpmem.management.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.management.ObjectNames;
import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.ocxl.DeviceProblem;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * Registers an MXBean for the core and for each bus, DIMM and region service, each failed card and
 * each namespace with space, in the MBean server directly: an MBean is there when the call that
 * made its device returns, and gone when the call that removed it returns. Buses, DIMMs, regions
 * and card problems follow their OSGi services, whose events come synchronously. Namespaces follow
 * the namespace lifecycle itself, read at each change: the JMX operations that change namespaces
 * bring the MBeans in line before they return, and the namespaces' EventAdmin events (asynchronous,
 * and from several threads in any order) are only hints to do the same, so that a late, reordered
 * or forged event cannot remove a live namespace's MBean or add one for a namespace that is not
 * there. The core's and the namespaces' lifecycle events become notifications of the core's MBean
 * and of the MBeans concerned, and the card controllers' events ({@code dev/ocxlpmem/scm/*}) of the
 * core's MBean and of the DIMM's.
 */
@Component(immediate = true, service = EventHandler.class,
        property = {EventConstants.EVENT_TOPIC + "=" + NvdimmEvent.TOPIC_ALL,
            EventConstants.EVENT_TOPIC + "=" + NamespaceEvent.TOPIC_ALL,
            EventConstants.EVENT_TOPIC + "=" + ScmEvent.TOPIC_ALL})
public final class NvdimmMBeans implements EventHandler, NamespaceMBeans {
    private static final Logger LOG = LoggerFactory.getLogger(NvdimmMBeans.class);

    private final MBeanServer server;
    private final Ndctl ndctl;
    private final Namespaces namespaces;
    private final NvdimmView core;
    /** What this component registered, by name; registrations and their checks happen under its lock. */
    private final Map<ObjectName, DescribedView> registered = new HashMap<>();

    @Activate
    public NvdimmMBeans(@Reference MBeanServer server, @Reference Ndctl ndctl, @Reference Namespaces namespaces) {
        this.server = server;
        this.ndctl = ndctl;
        this.namespaces = namespaces;
        this.core = new NvdimmView(ndctl);
        register(core);
        syncAll();
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addBus(Bus bus) {
        register(new BusView(ndctl, bus.dev()));
    }

    void removeBus(Bus bus) {
        unregister(ObjectNames.of(ObjectNames.bus(bus.dev())));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addDimm(Dimm dimm) {
        register(new DimmView(ndctl, dimm.dev()));
    }

    void removeDimm(Dimm dimm) {
        unregister(ObjectNames.of(ObjectNames.dimm(dimm.dev())));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addRegion(Region region) {
        register(new RegionView(ndctl, region.dev(), this));
    }

    void removeRegion(Region region) {
        unregister(ObjectNames.of(ObjectNames.region(region.dev())));
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addProblem(DeviceProblem problem) {
        register(new CardView(problem));
    }

    void removeProblem(DeviceProblem problem) {
        unregister(ObjectNames.of(ObjectNames.card(problem.location())));
    }

    /** The MBean of namespace {@code dev} registered if it has space now, unregistered otherwise. */
    @Override
    public void sync(String dev) {
        synchronized (registered) {
            ObjectName name = ObjectNames.of(ObjectNames.namespace(dev));
            if (hasSpace(dev)) {
                register(new NamespaceView(ndctl, dev, this));
            } else {
                unregister(name);
            }
        }
    }

    /** Every namespace MBean in line with the namespaces there are now (after a region's enable or disable). */
    @Override
    public void syncAll() {
        synchronized (registered) {
            Set<String> there = namespaces.namespaces().stream().filter(NamespaceInfo::configured)
                    .map(NamespaceInfo::dev).collect(Collectors.toSet());
            List<ObjectName> gone = registered.keySet().stream()
                    .filter(n -> "Namespace".equals(n.getKeyProperty("type")))
                    .filter(n -> !there.contains(n.getKeyProperty("name"))).toList();
            gone.forEach(this::unregister);
            there.forEach(dev -> register(new NamespaceView(ndctl, dev, this)));
        }
    }

    private boolean hasSpace(String dev) {
        try {
            return namespaces.namespace(dev).configured();
        } catch (NamespaceException unknown) {
            return false;
        }
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
            ObjectName name = ObjectNames.of(switch (e.kind()) {
                case BUS -> ObjectNames.bus(e.dev());
                case DIMM -> ObjectNames.dimm(e.dev());
                case REGION -> ObjectNames.region(e.dev());
            });
            view(name).ifPresent(v -> v.notify(e));
        });
    }

    /**
     * A namespace's event: a hint that its MBean may have to come or go ({@link #sync}); the
     * notification to the core's, the region's and the namespace's MBeans.
     */
    private void namespaceEvent(NamespaceEvent e) {
        sync(e.dev());
        core.notify(e);
        for (String name : List.of(ObjectNames.region(e.region()), ObjectNames.namespace(e.dev()))) {
            view(ObjectNames.of(name)).ifPresent(v -> v.notify(e));
        }
    }

    /** A DIMM controller's event: a notification of the core's MBean and, once it exists, of the DIMM's. */
    void controllerEvent(ScmEvent e) {
        core.notify(e);
        if (!e.dev().isEmpty()) {
            view(ObjectNames.of(ObjectNames.dimm(e.dev()))).ifPresent(v -> v.notify(e));
        }
    }

    private Optional<DescribedView> view(ObjectName name) {
        synchronized (registered) {
            return Optional.ofNullable(registered.get(name));
        }
    }

    /** Registers {@code view} unless an MBean of this component has its name already. */
    private void register(DescribedView view) {
        synchronized (registered) {
            if (registered.containsKey(view.objectName())) {
                return;
            }
            try {
                server.registerMBean(view, view.objectName());
                registered.put(view.objectName(), view);
            } catch (InstanceAlreadyExistsException e) {
                LOG.error("ocxlpmem: {} is taken by an MBean that is not this product's; its device has none",
                        view.objectName());
            } catch (JMException e) {
                LOG.error("ocxlpmem: cannot register {}: {}", view.objectName(), e.getMessage(), e);
            }
        }
    }

    private void unregister(ObjectName name) {
        synchronized (registered) {
            if (registered.remove(name) == null) {
                return;
            }
            try {
                server.unregisterMBean(name);
            } catch (InstanceNotFoundException e) {
                LOG.warn("ocxlpmem: {} was unregistered by someone else", name);
            } catch (JMException e) {
                LOG.error("ocxlpmem: cannot unregister {}: {}", name, e.getMessage(), e);
            }
        }
    }

    @Deactivate
    void deactivate() {
        synchronized (registered) {
            List.copyOf(registered.keySet()).forEach(this::unregister);
        }
    }
}
