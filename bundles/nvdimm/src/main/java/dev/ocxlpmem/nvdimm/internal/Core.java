package dev.ocxlpmem.nvdimm.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.BusRegistration;
import dev.ocxlpmem.nvdimm.BusRegistry;
import dev.ocxlpmem.nvdimm.CallObserver;
import dev.ocxlpmem.nvdimm.CommandHandler;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.FamilyCodec;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.NvdimmEvent;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.RegionDriver;

/**
 * The nvdimm core: keeps the registered buses, names their devices as Linux does, attaches region
 * drivers to enabled regions, and publishes lifecycle events.
 */
@Component(service = {Nvdimm.class, BusRegistry.class})
public final class Core implements NvdimmCore {
    private static final Logger LOG = LoggerFactory.getLogger(Core.class);

    private final ServicePublisher publisher;
    private final Consumer<NvdimmEvent> events;
    private final List<NvdimmBus> buses = new ArrayList<>();
    private final Set<String> dimmIds = new HashSet<>();
    private final List<RegionDriver> drivers = new CopyOnWriteArrayList<>();
    private final Map<Integer, FamilyCodec> codecs = new ConcurrentHashMap<>();
    private volatile EventAdmin eventAdmin;
    /** Copied on change: a call reads it once, without a lock or an iterator. */
    private volatile CallObserver[] observers = {};
    final DeviceNames busNames = new DeviceNames("ndbus");
    final DeviceNames dimmNames = new DeviceNames("nmem");
    final DeviceNames regionNames = new DeviceNames("region");

    /** Outside OSGi: nothing is published as a service, events go to {@code events}. */
    public Core(Consumer<NvdimmEvent> events) {
        this.publisher = new ServicePublisher(null);
        this.events = events;
    }

    @Activate
    public Core(BundleContext context) {
        this.publisher = new ServicePublisher(context);
        this.events = this::post;
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

    private void post(NvdimmEvent event) {
        EventAdmin admin = eventAdmin;
        if (admin != null) {
            // postEvent: delivered in order, on EventAdmin's thread, never inside our locks' callers
            admin.postEvent(new Event(event.topic(), event.properties()));
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    @Override
    public void addRegionDriver(RegionDriver driver) {
        drivers.add(driver);
        for (Bus bus : buses()) {
            ((NvdimmBus) bus).driverAdded(driver);
        }
    }

    @Override
    public void removeRegionDriver(RegionDriver driver) {
        if (drivers.remove(driver)) {
            for (Bus bus : buses()) {
                ((NvdimmBus) bus).driverRemoved(driver);
            }
        }
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    @Override
    public synchronized void addCallObserver(CallObserver observer) {
        CallObserver[] more = Arrays.copyOf(observers, observers.length + 1);
        more[observers.length] = observer;
        observers = more;
    }

    @Override
    public synchronized void removeCallObserver(CallObserver observer) {
        observers = Arrays.stream(observers).filter(o -> o != observer).toArray(CallObserver[]::new);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    @Override
    public void addFamilyCodec(FamilyCodec codec) {
        codecs.put(codec.family(), codec);
    }

    @Override
    public void removeFamilyCodec(FamilyCodec codec) {
        codecs.remove(codec.family(), codec);
    }

    @Override
    public Optional<FamilyCodec> codec(int family) {
        return Optional.ofNullable(codecs.get(family));
    }

    CallObserver[] observers() {
        return observers;
    }

    List<RegionDriver> drivers() {
        return drivers;
    }

    @Deactivate
    @Override
    public void shutdown() {
        List<Bus> all = buses();
        for (int i = all.size() - 1; i >= 0; i--) {
            ((NvdimmBus) all.get(i)).unregister();
        }
    }

    @Override
    public BusRegistration register(BusDescriptor descriptor, CommandHandler handler) {
        NvdimmBus bus;
        synchronized (this) {
            bus = new NvdimmBus(this, busNames.take(), descriptor, handler);
            buses.add(bus);
        }
        bus.published(publisher.publish(Bus.class, bus, bus.dev(), bus.dev()));
        event(NvdimmEvent.Kind.BUS, NvdimmEvent.Action.ADDED, bus.dev(), bus.dev());
        return new BusHandle(bus);
    }

    synchronized void removed(NvdimmBus bus) {
        buses.remove(bus);
        busNames.release(bus.dev());
    }

    /** Claims a DIMM id; false if another registered DIMM has it. */
    synchronized boolean claimDimmId(String id) {
        return dimmIds.add(id);
    }

    synchronized void releaseDimmId(String id) {
        dimmIds.remove(id);
    }

    ServicePublisher publisher() {
        return publisher;
    }

    void event(NvdimmEvent.Kind kind, NvdimmEvent.Action action, String dev, String bus) {
        try {
            events.accept(new NvdimmEvent(kind, action, dev, bus));
        } catch (RuntimeException e) {
            // a listener's failure must not undo what happened to the device
            LOG.warn("nvdimm: delivering {} {} of {} failed: {}", kind, action, dev, e.toString(), e);
        }
    }

    @Override
    public synchronized List<Bus> buses() {
        return List.copyOf(buses);
    }

    @Override
    public Optional<Bus> bus(String dev) {
        return buses().stream().filter(b -> b.dev().equals(dev)).findFirst();
    }

    @Override
    public Optional<Dimm> dimm(String dev) {
        return buses().stream().flatMap(b -> b.dimms().stream()).filter(d -> d.dev().equals(dev)).findFirst();
    }

    @Override
    public Optional<Region> region(String dev) {
        return buses().stream().flatMap(b -> b.regions().stream()).filter(r -> r.dev().equals(dev)).findFirst();
    }
}
