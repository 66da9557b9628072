package dev.ocxlpmem.ndctl.internal;

import java.util.HashMap;
import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;

import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * The card controllers' events from EventAdmin ({@code dev/ocxlpmem/scm/*}) to the service's
 * monitors. Apart from the service, so that the service outside OSGi needs no EventAdmin API.
 */
@Component(service = EventHandler.class, property = EventConstants.EVENT_TOPIC + "=" + ScmEvent.TOPIC_ALL)
public final class ScmEvents implements EventHandler {
    private final NdctlService service;

    @Activate
    public ScmEvents(@Reference Ndctl ndctl) {
        this.service = (NdctlService) ndctl; // this bundle's own service
    }

    @Override
    public void handleEvent(Event event) {
        Map<String, Object> properties = new HashMap<>();
        for (String name : event.getPropertyNames()) {
            properties.put(name, event.getProperty(name));
        }
        ScmEvent.of(event.getTopic(), properties).ifPresent(service::controllerEvent);
    }
}
