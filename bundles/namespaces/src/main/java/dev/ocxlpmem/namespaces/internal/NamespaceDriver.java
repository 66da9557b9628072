package dev.ocxlpmem.namespaces.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.btt.BttDriver;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.namespaces.InfoBlockReport;
import dev.ocxlpmem.namespaces.Namespace;
import dev.ocxlpmem.namespaces.NamespaceCheck;
import dev.ocxlpmem.namespaces.NamespaceEvent;
import dev.ocxlpmem.namespaces.NamespaceException;
import dev.ocxlpmem.namespaces.NamespaceInfo;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.nvdimm.EnabledRegion;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.RegionDriver;

/**
 * Linux's {@code nd_region} driver for namespaces: attached to every enabled region, it keeps the
 * region's namespaces ({@link AttachedRegion}) and is the {@link Namespaces} service. Each
 * region's changes are serialized on that region (Linux's bus lock); different regions do not
 * wait for one another.
 */
@Component(service = {RegionDriver.class, Namespaces.class})
public final class NamespaceDriver implements RegionDriver, Namespaces {
    private static final Logger LOG = LoggerFactory.getLogger(NamespaceDriver.class);

    private final LabelStore labels;
    private final BttDriver btt;
    private final BundleContext context;
    private final Consumer<NamespaceEvent> events;
    /** By region number. */
    private final Map<Integer, AttachedRegion> regions = new ConcurrentSkipListMap<>();
    private volatile EventAdmin eventAdmin;
    /** Whether a BTT claims a namespace: {@link BttProbe}, or none in tests of the other modes. */
    private final SectorProbe sectors;

    /** Outside OSGi: no services registered, events to {@code events}. */
    public NamespaceDriver(LabelStore labels, BttDriver btt, Consumer<NamespaceEvent> events) {
        this(labels, btt, events, new BttProbe(btt));
    }

    NamespaceDriver(LabelStore labels, BttDriver btt, Consumer<NamespaceEvent> events, SectorProbe sectors) {
        this.labels = labels;
        this.btt = btt;
        this.context = null;
        this.events = events;
        this.sectors = sectors;
    }

    @Activate
    public NamespaceDriver(BundleContext context, @Reference LabelStore labels, @Reference BttDriver btt) {
        this.labels = labels;
        this.btt = btt;
        this.context = context;
        this.events = this::post;
        this.sectors = new BttProbe(btt);
    }

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void setEventAdmin(EventAdmin eventAdmin) {
        this.eventAdmin = eventAdmin;
    }

    void unsetEventAdmin(EventAdmin eventAdmin) {
        if (this.eventAdmin == eventAdmin) {
            this.eventAdmin = null;
        }
    }

    private void post(NamespaceEvent event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            admin.postEvent(new Event(event.topic(), event.properties()));
        }
    }

    /** Delivers an event; a listener's failure must not undo what happened to the namespace. */
    private void deliver(NamespaceEvent event) {
        try {
            events.accept(event);
        } catch (RuntimeException e) {
            LOG.warn("namespaces: delivering {} failed: {}", event, e.toString(), e);
        }
    }

    private Runnable publish(EnabledNamespace namespace) {
        if (context == null) {
            return () -> { };
        }
        ServiceRegistration<Namespace> registration = context.registerService(Namespace.class, namespace,
                namespace.properties());
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework withdrew it when our bundle stopped
            }
        };
    }

    // ------------------------------------------------------------------ RegionDriver

    @Override
    public void attach(EnabledRegion region) throws NvdimmException {
        AttachedRegion r = AttachedRegion.attach(region, labels, btt, sectors, this::deliver, this::publish);
        regions.put(r.number(), r);
    }

    @Override
    public void detach(EnabledRegion region) {
        for (AttachedRegion r : regions.values()) {
            if (r.dev().equals(region.region().dev())) {
                synchronized (r) {
                    regions.remove(r.number(), r);
                    r.detach();
                }
            }
        }
    }

    // ------------------------------------------------------------------ Namespaces

    @Override
    public List<NamespaceInfo> namespaces() {
        List<NamespaceInfo> all = new ArrayList<>();
        for (AttachedRegion r : regions.values()) {
            synchronized (r) {
                all.addAll(r.namespaces());
            }
        }
        return all;
    }

    @Override
    public List<NamespaceInfo> namespaces(String region) throws NamespaceException {
        AttachedRegion r = regions.get(regionNumber(region));
        if (r == null) {
            return List.of();
        }
        synchronized (r) {
            return r.namespaces();
        }
    }

    @Override
    public NamespaceInfo namespace(String dev) throws NamespaceException {
        Target t = target(dev);
        synchronized (t.region()) {
            return t.region().namespace(t.id());
        }
    }

    @Override
    public NamespaceInfo create(String region, NamespaceOptions options) throws NvdimmException {
        AttachedRegion r = regions.get(regionNumber(region));
        if (r == null) {
            throw new NamespaceException("failed to create namespace: " + region + " is not enabled (there "
                    + enabledRegions() + ")");
        }
        synchronized (r) {
            return r.create(options);
        }
    }

    @Override
    public NamespaceInfo reconfigure(String dev, NamespaceOptions options) throws NvdimmException {
        return onNamespace(dev, (r, id) -> r.reconfigure(id, options));
    }

    @Override
    public boolean destroy(String dev, boolean force) throws NvdimmException {
        return onNamespace(dev, (r, id) -> r.destroy(id, force));
    }

    @Override
    public void enable(String dev) throws NvdimmException {
        onNamespace(dev, (r, id) -> {
            r.enable(id);
            return null;
        });
    }

    @Override
    public void disable(String dev) throws NvdimmException {
        onNamespace(dev, (r, id) -> {
            r.disable(id);
            return null;
        });
    }

    @Override
    public List<InfoBlockReport> readInfoblock(String dev) throws NvdimmException {
        return onNamespace(dev, AttachedRegion::readInfoblock);
    }

    @Override
    public NamespaceCheck check(String dev, boolean force, boolean repair) throws NvdimmException {
        return onNamespace(dev, (r, id) -> r.check(id, force, repair));
    }

    @Override
    public Optional<Namespace> data(String dev) {
        try {
            Target t = target(dev);
            synchronized (t.region()) {
                return t.region().data(t.id());
            }
        } catch (NamespaceException noSuchNamespace) {
            return Optional.empty();
        }
    }

    /** An operation on one namespace, under its region's monitor. */
    @FunctionalInterface
    private interface RegionOperation<T> {
        T on(AttachedRegion region, int id) throws NvdimmException;
    }

    private <T> T onNamespace(String dev, RegionOperation<T> operation) throws NvdimmException {
        Target t = target(dev);
        synchronized (t.region()) {
            return operation.on(t.region(), t.id());
        }
    }

    /** The region with number {@code n}, for tests. */
    AttachedRegion attached(int n) {
        return regions.get(n);
    }

    // ------------------------------------------------------------------ names

    private record Target(AttachedRegion region, int id) {
    }

    /** {@code namespaceR.M}, as Linux names it. */
    private Target target(String dev) throws NamespaceException {
        String name = dev == null ? "" : dev;
        if (name.startsWith("namespace")) {
            int dot = name.indexOf('.');
            if (dot > 0 && digits(name.substring("namespace".length(), dot)) && digits(name.substring(dot + 1))) {
                AttachedRegion r = regions.get(Integer.parseInt(name.substring("namespace".length(), dot)));
                int id = Integer.parseInt(name.substring(dot + 1));
                if (r != null) {
                    synchronized (r) {
                        if (r.has(id)) {
                            return new Target(r, id);
                        }
                    }
                }
            }
        }
        throw new NamespaceException("no namespace '" + name + "': " + knownNamespaces());
    }

    private int regionNumber(String region) throws NamespaceException {
        if (region != null && region.startsWith("region") && digits(region.substring("region".length()))) {
            return Integer.parseInt(region.substring("region".length()));
        }
        throw new NamespaceException("'" + region + "' is not a region's name (regionN)");
    }

    private static boolean digits(String s) {
        return !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(Character::isDigit);
    }

    private String enabledRegions() {
        List<String> names = regions.values().stream().map(AttachedRegion::dev).toList();
        return names.isEmpty() ? "are no enabled regions" : (names.size() == 1 ? "is " : "are ") + String.join(", ", names);
    }

    private String knownNamespaces() {
        List<String> names = new ArrayList<>();
        for (NamespaceInfo n : namespaces()) {
            if (names.size() == 8) {
                names.add("...");
                break;
            }
            names.add(n.dev());
        }
        return names.isEmpty() ? "there are none (is a region enabled?)" : "there " + (names.size() == 1 ? "is " : "are ")
                + String.join(", ", names);
    }
}
