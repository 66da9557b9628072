package dev.ocxlpmem.shell.internal;

import java.io.PrintStream;
import java.lang.reflect.Field;

import org.apache.karaf.shell.api.console.Session;

/**
 * A command's output and error streams, delivered in the order they were written. Karaf 4.4's ssh
 * exec command ({@code ShellCommand}, behind {@code bin/client -b} and {@code ssh host cmd})
 * reports the exit status and closes the channel before it flushes the session's error stream,
 * and Gogo flushes the session's output only after the command: what a command printed to
 * standard error is lost, and would come before its output otherwise. ndctl prints its summaries
 * ("disabled 1 region") to standard error, apart from the JSON on standard output, and scripts
 * expect both. So a command flushes the session's console, then its error stream, which no API
 * exposes: it is the Gogo session's {@code perr} field. If a later Karaf lays it out differently
 * only the console is flushed, and the itests that read the batch client's output fail.
 */
final class SessionStreams {
    private SessionStreams() {
    }

    static void flush(Session session) {
        System.out.flush();
        System.err.flush();
        if (session == null) {
            return;
        }
        session.getConsole().flush();
        Object gogo = session.get(".commandSession");
        for (Class<?> c = gogo == null ? null : gogo.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field perr = c.getDeclaredField("perr");
                perr.setAccessible(true);
                if (perr.get(gogo) instanceof PrintStream err) {
                    err.flush();
                }
                return;
            } catch (NoSuchFieldException notHere) {
                // look in the superclass
            } catch (ReflectiveOperationException | RuntimeException e) {
                return;
            }
        }
    }
}
