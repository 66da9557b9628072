package dev.ocxlpmem.nvdimm.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.BusDescriptor;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.nvdimm.Region;

/** The nvdimm core: keeps the registered buses and names their devices as Linux does. */
@Component(service = Nvdimm.class)
public final class NvdimmCore implements Nvdimm {
    private final ServicePublisher publisher;
    private final List<NvdimmBus> buses = new ArrayList<>();
    final DeviceNames busNames = new DeviceNames("ndbus");
    final DeviceNames dimmNames = new DeviceNames("nmem");
    final DeviceNames regionNames = new DeviceNames("region");

    /** Outside OSGi, for tests and tools: nothing is published as a service. */
    public NvdimmCore() {
        this.publisher = new ServicePublisher(null);
    }

    @Activate
    public NvdimmCore(BundleContext context) {
        this.publisher = new ServicePublisher(context);
    }

    @Deactivate
    void deactivate() {
        for (Bus bus : buses()) {
            bus.unregister();
        }
    }

    @Override
    public synchronized Bus registerBus(BusDescriptor descriptor) {
        NvdimmBus bus = new NvdimmBus(this, busNames.take(), descriptor);
        buses.add(bus);
        bus.published(publisher.publish(Bus.class, bus, bus.dev(), bus.dev()));
        return bus;
    }

    synchronized void removed(NvdimmBus bus) {
        buses.remove(bus);
        busNames.release(bus.dev());
    }

    ServicePublisher publisher() {
        return publisher;
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
