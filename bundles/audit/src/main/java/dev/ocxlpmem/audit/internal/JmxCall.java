package dev.ocxlpmem.audit.internal;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import javax.management.Attribute;
import javax.management.AttributeList;
import javax.management.ObjectName;

import org.osgi.service.event.Event;

/**
 * A JMX call as Karaf reports it on EventAdmin, topics {@code javax/management/MBeanServer/*}:
 * its MBean server (management/server EventAdminMBeanServerWrapper) reports each call with
 * {@code params} as the call had them and the {@code error} it threw, and its jmx.acl guard each
 * refusal as an {@code invoke} of the accessor or operation with {@code params} {@code name,
 * operation, signature, arguments}. Operations, attribute writes, MBeans created and unregistered
 * are audited, and attribute reads only when refused. The JMX connector's own guard (bundle
 * connector) posts its refusals in the server's shape, marked {@code guard=connector}.
 */
final class JmxCall {
    /** Operations and values whose arguments are not written down. */
    private static final Pattern SECRET = Pattern.compile("(?i).*(password|passwd|secret|credential).*");
    private static final int ARGUMENT = 100;

    private JmxCall() {
    }

    /** The line for {@code event}, or null if it is not audited. */
    static AuditLine line(Event event, Caller caller) {
        String call = event.getTopic().substring(event.getTopic().lastIndexOf('/') + 1);
        Object[] params = (Object[]) event.getProperty("params");
        Object error = event.getProperty("error");
        long time = event.getProperty("timestamp") instanceof Long t ? t : System.currentTimeMillis();
        if ("connector".equals(event.getProperty("guard")) && error instanceof SecurityException refused
                && params != null) {
            String operation = call.equals("CREATEMBEAN") ? "createMBean(\"" + params[0] + "\")"
                    : event.getProperty("method") + "()";
            Object target = call.equals("CREATEMBEAN") ? params[1] : params.length > 0 ? params[0] : null;
            return new AuditLine(time, caller.user(), caller.path("jmx"), operation,
                    target instanceof ObjectName n ? n.getCanonicalName() : "*", "refused: " + refused.getMessage());
        }
        if (call.equals("CREATEMBEAN") && params != null && params.length >= 2 && params[1] instanceof ObjectName name) {
            return new AuditLine(time, caller.user(), caller.path("jmx"), "createMBean(\"" + params[0] + "\")",
                    name.getCanonicalName(), Outcomes.jmx(error));
        }
        if (params == null || params.length < 1 || !(params[0] instanceof ObjectName name)) {
            return null;
        }
        if (call.equals("UNREGISTERMBEAN")) {
            return new AuditLine(time, caller.user(), caller.path("jmx"), "unregisterMBean()", name.getCanonicalName(),
                    Outcomes.jmx(error));
        }
        if (params.length < 2) {
            return null;
        }
        String operation;
        switch (call) {
            case "INVOKE" -> {
                boolean guard = error instanceof SecurityException;
                operation = params[1] + arguments(String.valueOf(params[1]), params.length > 3
                        ? (Object[]) params[guard ? 3 : 2] : null);
            }
            case "SETATTRIBUTE" -> operation = setter((Attribute) params[1]);
            case "SETATTRIBUTES" -> {
                List<String> setters = new ArrayList<>();
                for (Attribute a : ((AttributeList) params[1]).asList()) {
                    setters.add(setter(a));
                }
                operation = String.join(", ", setters);
            }
            case "GETATTRIBUTE" -> operation = "get" + params[1] + "()";
            case "GETATTRIBUTES" -> operation = "get" + String.join(",", (String[]) params[1]) + "()";
            default -> {
                return null;
            }
        }
        String outcome = Outcomes.jmx(error);
        if (call.startsWith("GET") && !outcome.startsWith("refused")) {
            return null; // reads are not audited, refusals are
        }
        return new AuditLine(time, caller.user(), caller.path("jmx"), operation, name.getCanonicalName(), outcome);
    }

    private static String setter(Attribute a) {
        return "set" + a.getName() + arguments(a.getName(), new Object[] {a.getValue()});
    }

    /** {@code ("pid", "key", 3)}: strings quoted, each cut after 100 characters, secrets left out. */
    static String arguments(String operation, Object[] values) {
        if (values == null) {
            return "()";
        }
        StringBuilder out = new StringBuilder("(");
        boolean secret = SECRET.matcher(operation).matches();
        for (int i = 0; i < values.length; i++) {
            out.append(i == 0 ? "" : ", ").append(secret ? "***" : value(values[i]));
            secret |= values[i] instanceof String s && SECRET.matcher(s).matches();
        }
        return out.append(')').toString();
    }

    private static String value(Object v) {
        if (v == null) {
            return "null";
        }
        if (v instanceof byte[] bytes) {
            return bytes.length + " bytes";
        }
        if (v.getClass().isArray()) {
            StringBuilder items = new StringBuilder("[");
            for (int i = 0; i < Array.getLength(v) && items.length() < ARGUMENT; i++) {
                items.append(i == 0 ? "" : ", ").append(value(Array.get(v, i)));
            }
            return cut(items.append(']').toString());
        }
        return v instanceof String s ? "\"" + cut(s) + "\"" : cut(String.valueOf(v));
    }

    private static String cut(String s) {
        return s.length() <= ARGUMENT ? s : s.substring(0, ARGUMENT) + "...";
    }
}
