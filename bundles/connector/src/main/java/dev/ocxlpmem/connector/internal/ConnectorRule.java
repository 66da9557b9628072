package dev.ocxlpmem.connector.internal;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.security.auth.Subject;

import org.apache.karaf.jaas.boot.principal.RolePrincipal;
import org.apache.karaf.jaas.boot.principal.UserPrincipal;

/**
 * What a JMX client may do that Karaf's jmx.acl guard never judges. Karaf's RMI connector puts
 * only {@code invoke}, {@code getAttribute(s)} and {@code setAttribute(s)} to
 * {@code KarafMBeanServerGuard} (management/server {@code MBeanInvocationHandler}); everything
 * else of {@link javax.management.MBeanServerConnection} reaches the MBean server as it comes:
 * <ul>
 * <li>{@code createMBean} runs a constructor of the caller's choice as Karaf's user, through an
 * {@code MLet} even of code from a URL of the caller's choice: admin only, and no class loader
 * MBean for anyone, nor an MBean loaded through one (code comes into Karaf as bundles);</li>
 * <li>{@code unregisterMBean} removes the product's MBeans or Karaf's own: admin only;</li>
 * <li>a listener that is an MBean ({@code add/removeNotificationListener} with an ObjectName as
 * the listener) makes the server call that MBean's {@code handleNotification}, past jmx.acl:
 * admin only;</li>
 * <li>a query ({@code queryNames/queryMBeans} with a {@code QueryExp}) reads attributes past
 * jmx.acl: admin only; a query by name pattern stays open to every role, as jmx.acl's reads do.</li>
 * </ul>
 * A call without a subject is the connector's own work (its notification buffer queries for
 * broadcasters inside {@code doPrivileged}, JDK {@code ArrayNotificationBuffer}); Karaf's connector
 * authenticates every client, so a client's call always has one.
 */
final class ConnectorRule {
    static final String ADMIN = "admin";

    private ConnectorRule() {
    }

    /** Why {@code subject} may not make the call {@code method(args)}, or null when it may. */
    static String refusal(Subject subject, String method, Object[] args, MBeanServer server) {
        if (subject == null) {
            return null;
        }
        String needsAdmin = switch (method) {
            case "createMBean", "registerMBean" -> "create an MBean";
            case "unregisterMBean" -> "unregister an MBean";
            case "addNotificationListener", "removeNotificationListener" ->
                args.length > 1 && args[1] instanceof ObjectName ? "name an MBean as a notification listener" : null;
            case "queryNames", "queryMBeans" -> args[1] != null ? "query MBeans by their attributes" : null;
            default -> null;
        };
        if (needsAdmin != null && !roles(subject).contains(ADMIN)) {
            return "to " + needsAdmin + " over JMX needs the admin role; user '" + user(subject) + "' has the roles "
                    + (roles(subject).isEmpty() ? "(none)" : String.join(", ", roles(subject)));
        }
        return switch (method) {
            case "createMBean" -> classLoaderRefusal(args, server);
            case "registerMBean" -> args[0] instanceof ClassLoader
                    ? "no class loader MBean is registered over JMX: code comes into Karaf as bundles" : null;
            default -> null;
        };
    }

    /** createMBean(class, name, loaderName[, params, signature]) loads through a class loader MBean. */
    private static String classLoaderRefusal(Object[] args, MBeanServer server) {
        if (args.length == 3 && args[2] instanceof ObjectName || args.length == 5) {
            return "no MBean is created over JMX through a class loader MBean (" + args[2]
                    + "): code comes into Karaf as bundles";
        }
        String className = (String) args[0];
        try {
            if (ClassLoader.class.isAssignableFrom(server.getClassLoaderRepository().loadClass(className))) {
                return "no class loader MBean (" + className + ") is created over JMX: code comes into Karaf as bundles";
            }
        } catch (ClassNotFoundException | LinkageError e) {
            // the MBean server will say that it cannot load the class
        }
        return null;
    }

    static List<String> roles(Subject subject) {
        List<String> roles = new ArrayList<>();
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof RolePrincipal && !roles.contains(p.getName())) {
                roles.add(p.getName());
            }
        }
        return roles;
    }

    private static String user(Subject subject) {
        for (Principal p : subject.getPrincipals()) {
            if (p instanceof UserPrincipal) {
                return p.getName();
            }
        }
        return "-";
    }
}
