package dev.ocxlpmem.nvdimm.internal;

import java.util.Dictionary;
import java.util.Hashtable;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

import dev.ocxlpmem.nvdimm.Nvdimm;

/**
 * Publishes buses, DIMMs and regions as OSGi services so that management and other tools can
 * follow them. Outside OSGi (unit tests) there is no context and nothing is published.
 */
final class ServicePublisher {
    private final BundleContext context;

    ServicePublisher(BundleContext context) {
        this.context = context;
    }

    /** Returns the action that withdraws the service again. */
    <T> Runnable publish(Class<T> type, T object, String dev, String bus) {
        if (context == null) {
            return () -> { };
        }
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(Nvdimm.DEV, dev);
        properties.put(Nvdimm.BUS, bus);
        ServiceRegistration<T> registration = context.registerService(type, object, properties);
        return () -> {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework withdrew it when our bundle stopped
            }
        };
    }
}
