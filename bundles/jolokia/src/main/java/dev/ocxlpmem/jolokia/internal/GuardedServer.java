package dev.ocxlpmem.jolokia.internal;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.Set;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.InstanceNotFoundException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.ReflectionException;

import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The MBean server Jolokia is given. Each attribute read and write and each operation is first put
 * to Karaf's own jmx.acl guard, {@code org.apache.karaf.management.KarafMBeanServerGuard}, with its
 * arguments, exactly as the JMX RMI connector does (Karaf's management/server
 * {@code MBeanInvocationHandler}), then done by Karaf's MBeanServer service, which reports it on
 * EventAdmin as it reports RMI's calls.
 *
 * <p>A missing MBean is reported as a {@link ReflectionException} around the
 * {@link InstanceNotFoundException}: Jolokia tries the next MBean server it knows (the platform
 * one, unguarded) after an {@code InstanceNotFoundException}, and an MBean registered in between
 * would be reached there without the guard.
 */
final class GuardedServer implements InvocationHandler {
    /** What Karaf's MBeanInvocationHandler puts to the guard; the rest (queries, MBean info) is not guarded there either. */
    private static final Set<String> GUARDED = Set.of("invoke", "getAttribute", "getAttributes", "setAttribute",
            "setAttributes");

    private static final Method GET_ATTRIBUTE = method("getAttribute", ObjectName.class, String.class);
    private static final Method SET_ATTRIBUTE = method("setAttribute", ObjectName.class, Attribute.class);

    private final MBeanServer server;
    private final InvocationHandler guard;
    private final Refusals refusals;

    private GuardedServer(MBeanServer server, InvocationHandler guard, Refusals refusals) {
        this.server = server;
        this.guard = guard;
        this.refusals = refusals;
    }

    /** {@code server} behind a guard that reads the jmx.acl configurations of {@code configAdmin}. */
    static MBeanServer over(MBeanServer server, ConfigurationAdmin configAdmin, Refusals refusals)
            throws ReflectiveOperationException {
        return (MBeanServer) Proxy.newProxyInstance(GuardedServer.class.getClassLoader(),
                new Class<?>[] {MBeanServer.class}, new GuardedServer(server, karafGuard(configAdmin), refusals));
    }

    /**
     * Karaf's guard, set up as the RMI connector's (management/server Activator). It is an
     * InvocationHandler, and is made by name: the Maven POM of its artifact,
     * org.apache.karaf.management.server, has a parent that does not resolve from Maven Central
     * here, so the bundle imports its package (bnd.bnd) and nothing of it is compiled against.
     */
    private static InvocationHandler karafGuard(ConfigurationAdmin configAdmin) throws ReflectiveOperationException {
        Class<?> type = GuardedServer.class.getClassLoader().loadClass("org.apache.karaf.management.KarafMBeanServerGuard");
        Object guard = type.getConstructor().newInstance();
        type.getMethod("setConfigAdmin", ConfigurationAdmin.class).invoke(guard, configAdmin);
        return (InvocationHandler) guard;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            case "toString":
                return "jmx.acl-guarded " + server;
            default:
                break;
        }
        boolean guarded = GUARDED.contains(method.getName());
        try {
            if (guarded) {
                check((MBeanServer) proxy, method, args);
            }
            return method.invoke(server, args);
        } catch (InvocationTargetException e) {
            throw guarded ? withoutFallThrough(e.getCause()) : e.getCause();
        } catch (InstanceNotFoundException e) {
            throw withoutFallThrough(e);
        }
    }

    /**
     * The guard's verdict; the guard asks {@code proxy} (unguarded for that) for the MBean's info. Several
     * attributes are put to it one by one, as the guard itself does, so that a refusal names its attribute.
     */
    private void check(MBeanServer proxy, Method method, Object[] args) throws Throwable {
        switch (method.getName()) {
            case "getAttributes" -> {
                for (String attribute : (String[]) args[1]) {
                    check(proxy, GET_ATTRIBUTE, new Object[] {args[0], attribute});
                }
            }
            case "setAttributes" -> {
                for (Attribute attribute : ((AttributeList) args[1]).asList()) {
                    check(proxy, SET_ATTRIBUTE, new Object[] {args[0], attribute});
                }
            }
            default -> {
                try {
                    guard.invoke(proxy, method, args);
                } catch (SecurityException e) {
                    refused(proxy, method.getName(), args, e);
                    throw e;
                }
            }
        }
    }

    /** Reports a refusal as the RMI connector's guard does: the accessor or operation jmx.acl names. */
    private void refused(MBeanServer proxy, String call, Object[] args, SecurityException e) {
        ObjectName name = (ObjectName) args[0];
        if (call.equals("invoke")) {
            refusals.report(name, (String) args[1], (String[]) args[3], (Object[]) args[2], e);
        } else if (call.equals("getAttribute")) {
            refusals.report(name, Accessors.reader(proxy, name, (String) args[1]), new String[0], new Object[0], e);
        } else {
            Attribute a = (Attribute) args[1];
            refusals.report(name, "set" + a.getName(), new String[] {Accessors.type(proxy, name, a.getName())},
                    new Object[] {a.getValue()}, e);
        }
    }

    private static Method method(String name, Class<?>... parameters) {
        try {
            return MBeanServer.class.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Throwable withoutFallThrough(Throwable t) {
        return t instanceof InstanceNotFoundException e ? new ReflectionException(e, "no MBean " + e.getMessage()) : t;
    }
}
