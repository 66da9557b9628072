package dev.ocxlpmem.audit.internal;

import java.util.regex.Pattern;

import javax.management.JMRuntimeException;
import javax.management.MBeanException;
import javax.management.ReflectionException;
import javax.management.RuntimeErrorException;
import javax.management.RuntimeMBeanException;

/**
 * What came of an operation: {@code ok}, {@code refused: why} (a role was missing: the console's
 * command ACL, jmx.acl, or the ndctl service's own check) or {@code failed: why}.
 */
final class Outcomes {
    static final String OK = "ok";

    /**
     * The ndctl service's refusal, dev.ocxlpmem.ndctl.NotPermittedException, whose message reads
     * "to ... needs the manager role; ...": the console shows it as a CommandException with that
     * message.
     */
    private static final Pattern SERVICE_REFUSAL = Pattern.compile("(?s).*\\bneeds the (viewer|manager|admin) role\\b.*");

    private Outcomes() {
    }

    /**
     * The outcome of a JMX call. A bare SecurityException is the guard's (KarafMBeanServerGuard, or
     * the Jolokia gate's in its place): the MBean server was not reached. What an MBean throws comes
     * wrapped by the MBean server.
     */
    static String jmx(Object error) {
        if (error == null) {
            return OK;
        }
        if (error instanceof SecurityException e) {
            return "refused: " + e.getMessage() + " (jmx.acl)";
        }
        return refusedOrFailed(unwrap((Throwable) error));
    }

    /** The outcome of a console command line, given whether its command exists (for a hidden one). */
    static String console(Object exception, String command, boolean exists) {
        if (exception == null) {
            return OK;
        }
        Throwable e = (Throwable) exception;
        if (e.getClass().getSimpleName().equals("CommandNotFoundException") && exists) {
            return "refused: " + command + " is not permitted (command ACL)"; // the ACL hides what a role may not run
        }
        if (e instanceof SecurityException) {
            return "refused: " + e.getMessage() + " (command ACL)";
        }
        return refusedOrFailed(e);
    }

    private static String refusedOrFailed(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SecurityException || t.getClass().getSimpleName().equals("NotPermittedException")
                    || (t.getMessage() != null && SERVICE_REFUSAL.matcher(t.getMessage()).matches())) {
                return "refused: " + t.getMessage();
            }
        }
        return "failed: " + (e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName());
    }

    private static Throwable unwrap(Throwable e) {
        Throwable t = e;
        while (true) {
            Throwable inner = t instanceof MBeanException m ? m.getTargetException()
                    : t instanceof ReflectionException r ? r.getTargetException()
                    : t instanceof RuntimeMBeanException r ? r.getTargetException()
                    : t instanceof RuntimeErrorException r ? r.getTargetError()
                    : t instanceof JMRuntimeException && t.getCause() != null ? t.getCause() : null;
            if (inner == null || inner == t) {
                return t;
            }
            t = inner;
        }
    }
}
