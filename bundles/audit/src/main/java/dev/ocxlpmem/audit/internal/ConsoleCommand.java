package dev.ocxlpmem.audit.internal;

import java.util.function.Predicate;
import java.util.function.UnaryOperator;

import org.osgi.service.event.Event;

/**
 * A console command line as Karaf's shell reports it when it has run, topic
 * {@code org/apache/karaf/shell/console/EXECUTED} (shell/core EventAdminListener): the line as
 * typed ({@code command}, or {@code script}) and the exception it ended with. Every line is audited:
 * the console cannot tell a read from a write. The operation is the line's first word, the target
 * the rest.
 */
final class ConsoleCommand {
    private ConsoleCommand() {
    }

    /**
     * The line for {@code event}, or null for an empty line or a session's init script.
     *
     * @param exists whether a command of that name is registered (one the command ACL hides looks unknown)
     * @param masked the line as Karaf's command loggers write it, passwords masked
     */
    static AuditLine line(Event event, Caller caller, Predicate<String> exists, UnaryOperator<String> masked) {
        Object typed = event.getProperty("command") != null ? event.getProperty("command") : event.getProperty("script");
        if (typed == null || typed.toString().isBlank() || (typed.toString().contains("\n") && InitScripts.isOne(typed.toString()))) {
            return null;
        }
        String text = masked.apply(typed.toString().strip());
        int space = text.indexOf(' ');
        String operation = space < 0 ? text : text.substring(0, space);
        String target = space < 0 ? "" : text.substring(space + 1).strip();
        Object exception = event.getProperty("exception");
        String outcome = Outcomes.console(exception, operation, exception != null && exists.test(operation));
        long time = event.getProperty("timestamp") instanceof Long t ? t : System.currentTimeMillis();
        return new AuditLine(time, caller.user(), caller.path("console"), operation, target, outcome);
    }
}
