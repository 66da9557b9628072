package dev.ocxlpmem.connector.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.security.AccessController;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import javax.management.MBeanServer;
import javax.management.remote.MBeanServerForwarder;
import javax.security.auth.Subject;

import org.osgi.service.event.Event;
import org.osgi.service.event.EventAdmin;

/**
 * The forwarder set in front of the connector's MBean server (which is Karaf's, behind its jmx.acl
 * guard): each call is put to {@link ConnectorRule} with the subject the RMI connector runs it as
 * (JDK {@code RMIConnectionImpl} runs a client's calls in an access control context that carries
 * the client's authenticated subject, as Karaf's guard reads it), then passed on.
 *
 * <p>A refusal is a {@link SecurityException}, as jmx.acl's, and is posted on EventAdmin in the
 * shape Karaf's MBean server posts its calls (management/server {@code EventAdminLoggerImpl}):
 * topic {@code javax/management/MBeanServer/<METHOD>}, {@code method}, {@code signature},
 * {@code params}, {@code error}, and {@code guard=connector} to tell it from jmx.acl's.
 */
final class GuardingForwarder implements InvocationHandler {
    static final String TOPIC = "javax/management/MBeanServer/";

    private final Supplier<EventAdmin> events;
    private volatile MBeanServer server;
    private volatile boolean retired;

    private GuardingForwarder(Supplier<EventAdmin> events) {
        this.events = events;
    }

    /** A forwarder that posts its refusals to what {@code events} gives (null: not posted). */
    static GuardingForwarder create(Supplier<EventAdmin> events) {
        return new GuardingForwarder(events);
    }

    /** What the connector is given: this handler as an MBeanServerForwarder. */
    MBeanServerForwarder asForwarder() {
        return (MBeanServerForwarder) Proxy.newProxyInstance(GuardingForwarder.class.getClassLoader(),
                new Class<?>[] {MBeanServerForwarder.class}, this);
    }

    /**
     * Makes this forwarder pass every call on unjudged. A connector keeps its forwarders for its
     * life; when this bundle is stopped or refreshed, the next activation sets a new one in front,
     * and this one, whose class loader may no longer load a class, must then only pass calls on:
     * nothing on that path loads a class this one has not loaded already.
     */
    void retire() {
        retired = true;
    }

    @Override
    @SuppressWarnings("removal") // the connector hands the subject over only this way on Java 17
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        Object[] arguments = args == null ? new Object[0] : args;
        if (retired && !method.getName().equals("setMBeanServer") && !method.getName().equals("getMBeanServer")) {
            return forward(server, method, arguments);
        }
        switch (method.getName()) {
            case "setMBeanServer" -> {
                if (arguments[0] == null) {
                    throw new IllegalArgumentException("no MBean server to forward to");
                }
                server = (MBeanServer) arguments[0];
                return null;
            }
            case "getMBeanServer" -> {
                return server;
            }
            case "equals" -> {
                return proxy == arguments[0];
            }
            case "hashCode" -> {
                return System.identityHashCode(proxy);
            }
            case "toString" -> {
                return "role-guarded " + server;
            }
            default -> {
            }
        }
        MBeanServer target = server;
        if (target == null) {
            throw new IllegalStateException("the JMX connector's forwarder has no MBean server yet");
        }
        String refusal = ConnectorRule.refusal(Subject.getSubject(AccessController.getContext()), method.getName(),
                arguments, target);
        if (refusal != null) {
            SecurityException refused = new SecurityException(refusal);
            post(method, arguments, refused);
            throw refused;
        }
        return forward(target, method, arguments);
    }

    /** The call made on {@code to}, with what it threw thrown as it was. */
    private static Object forward(MBeanServer to, Method method, Object[] arguments) throws Throwable {
        try {
            return method.invoke(to, arguments);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    private void post(Method method, Object[] arguments, SecurityException error) {
        EventAdmin admin = events.get();
        if (admin == null) {
            return;
        }
        String[] signature = new String[method.getParameterCount()];
        for (int i = 0; i < signature.length; i++) {
            signature[i] = method.getParameterTypes()[i].getName();
        }
        Map<String, Object> properties = new HashMap<>();
        properties.put("method", method.getName());
        properties.put("signature", signature);
        properties.put("params", arguments);
        properties.put("error", error);
        properties.put("guard", "connector");
        admin.postEvent(new Event(TOPIC + method.getName().toUpperCase(Locale.ROOT), properties));
    }
}
