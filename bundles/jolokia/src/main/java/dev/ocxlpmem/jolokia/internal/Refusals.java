package dev.ocxlpmem.jolokia.internal;

import java.util.Map;

import javax.management.ObjectName;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * Tells EventAdmin of what jmx.acl refused over Jolokia, with the event the RMI connector's guard
 * posts for its refusals (KarafMBeanServerGuard.handleInvoke through Karaf's EventAdminLogger):
 * topic {@code javax/management/MBeanServer/INVOKE}, the parameters {@code objectName, operation,
 * signature, arguments} and the {@code error}. EventAdmin adds the caller's subject.
 */
final class Refusals {
    static final String TOPIC = "javax/management/MBeanServer/INVOKE";
    private static final String[] INVOKE_SIGNATURE = {ObjectName.class.getName(), String.class.getName(),
        Object[].class.getName(), String[].class.getName()};

    private final EventAdmin events;

    Refusals(EventAdmin events) {
        this.events = events;
    }

    /** {@code signature} and {@code arguments} may be empty when the refusal came before they were known. */
    void report(ObjectName name, String operation, String[] signature, Object[] arguments, SecurityException error) {
        events.postEvent(new Event(TOPIC, Map.of("method", "invoke", "signature", INVOKE_SIGNATURE,
                "params", new Object[] {name, operation, signature, arguments}, "error", error)));
    }
}
