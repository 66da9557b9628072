package dev.ocxlpmem.audit.internal;

import java.util.List;

import org.apache.karaf.shell.api.console.Command;
import org.apache.karaf.shell.api.console.CommandLoggingFilter;
import org.apache.karaf.shell.api.console.SessionFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.event.Event;
import org.osgi.service.event.EventConstants;
import org.osgi.service.event.EventHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit trail: from what Karaf already reports on EventAdmin for every path a user has (the
 * console's commands, the JMX MBean server's calls and its jmx.acl guard's refusals, which Jolokia's
 * calls and refusals now go through as well), one line per console command, JMX operation or
 * attribute write, and per refusal, to the logger {@value #LOGGER}: etc/org.ops4j.pax.logging.cfg
 * gives it a file of its own, data/log/ocxlpmem-audit.log. Calls with no user behind them (the
 * product itself) are not audited. EventAdmin delivers the events a moment after the operation.
 */
@Component(property = {
    EventConstants.EVENT_TOPIC + "=org/apache/karaf/shell/console/EXECUTED",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/INVOKE",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/SETATTRIBUTE",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/SETATTRIBUTES",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/GETATTRIBUTE",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/GETATTRIBUTES",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/CREATEMBEAN",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/REGISTERMBEAN",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/UNREGISTERMBEAN",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/ADDNOTIFICATIONLISTENER",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/REMOVENOTIFICATIONLISTENER",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/QUERYNAMES",
    EventConstants.EVENT_TOPIC + "=javax/management/MBeanServer/QUERYMBEANS"})
public final class AuditTrail implements EventHandler {
    static final String LOGGER = "dev.ocxlpmem.audit";
    private static final Logger TRAIL = LoggerFactory.getLogger(LOGGER);

    private final SessionFactory console;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    private volatile List<CommandLoggingFilter> masks;

    @Activate
    public AuditTrail(@Reference SessionFactory console) {
        this.console = console;
    }

    @Override
    public void handleEvent(Event event) {
        Caller caller = Caller.of(event.getProperty("subject"));
        if (caller == null) {
            return;
        }
        AuditLine line = event.getTopic().startsWith("org/apache/karaf/shell")
                ? ConsoleCommand.line(event, caller, this::exists, this::masked)
                : JmxCall.line(event, caller);
        if (line != null) {
            TRAIL.info("{}", line);
        }
    }

    /** Whether a command {@code scope:name} (or a bare name in any scope) is registered, whoever may run it. */
    private boolean exists(String command) {
        int colon = command.indexOf(':');
        if (colon > 0) {
            return console.getRegistry().getCommand(command.substring(0, colon), command.substring(colon + 1)) != null;
        }
        for (Command c : console.getRegistry().getCommands()) {
            if (c.getName().equals(command)) {
                return true;
            }
        }
        return false;
    }

    private String masked(String line) {
        CharSequence text = line;
        List<CommandLoggingFilter> filters = masks;
        if (filters != null) {
            for (CommandLoggingFilter f : filters) {
                text = f.filter(text);
            }
        }
        return text.toString();
    }
}
