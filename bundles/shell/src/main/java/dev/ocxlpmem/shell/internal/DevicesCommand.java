package dev.ocxlpmem.shell.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.MultiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * One base for the commands that act on several DIMMs or regions, as Karaf's {@code BundlesCommand}
 * is for bundles: the names are resolved first (an unknown one fails the command before anything
 * is done), the action runs on each device, failures are collected, the summary ndctl prints goes
 * to standard error, and the command fails if any device failed.
 *
 * <p>A refusal (a user's mistake: nothing changed, the message says why) fails the command as
 * Karaf's {@link CommandException}, which Karaf shows without a stack trace and logs only at
 * debug; it is logged here in one line. A fault (I/O, media) is thrown as it is, so that Karaf
 * logs it with its stack trace. Standard error is flushed before the command returns
 * ({@link SessionStreams}).
 */
abstract class DevicesCommand<T> implements Action {
    private static final Logger LOG = LoggerFactory.getLogger(DevicesCommand.class);

    @Reference
    Ndctl ndctl;

    @Reference
    Session session;

    /** The names the user gave. */
    abstract List<String> names();

    abstract List<T> resolve(List<String> names) throws NvdimmException;

    abstract void act(T device) throws Exception;

    /** ndctl's closing line, e.g. {@code disabled 1 region}; null for none (commands ndctl does not have). */
    abstract String summary(int done);

    /** After every device was tried, before the summary: e.g. print what was collected. */
    void finish() throws Exception {
    }

    @Override
    public Object execute() throws Exception {
        List<T> devices;
        try {
            devices = resolve(names());
        } catch (NvdimmException e) {
            throw refusal(e.getMessage());
        }
        List<Exception> failures = new ArrayList<>();
        int done = 0;
        for (T device : devices) {
            try {
                act(device);
                done++;
            } catch (Exception e) {
                failures.add(e);
            }
        }
        try {
            finish();
        } finally {
            String summary = summary(done);
            if (summary != null) {
                err().println(summary);
            }
            SessionStreams.flush(session);
        }
        if (!failures.isEmpty()) {
            throw failure(failures, devices.size());
        }
        return null;
    }

    static PrintStream err() {
        return System.err;
    }

    /** A user's mistake: one line in the log, no stack trace. */
    CommandException refusal(String message) {
        LOG.info("{} refused: {}", getClass().getSimpleName(), message);
        return new CommandException(message);
    }

    private Exception failure(List<Exception> failures, int tried) {
        boolean faults = failures.stream().anyMatch(DevicesCommand::isFault);
        if (failures.size() == 1) {
            Exception only = failures.get(0);
            return faults ? only : refusal(only.getMessage());
        }
        String message = failures.size() + " of " + tried + " failed:\n\t"
                + failures.stream().map(Exception::getMessage).collect(Collectors.joining("\n\t"));
        return faults ? new MultiException(message, failures) : refusal(message);
    }

    private static boolean isFault(Exception e) {
        return e instanceof NvdimmException n ? n.isFault()
                : !(e instanceof IllegalArgumentException || e instanceof CommandException);
    }

    /** ndctl's plural for DIMMs: {@code nmems} only above one ({@code initialized 0 nmem}). */
    static String nmems(int count) {
        return count + " nmem" + (count > 1 ? "s" : "");
    }

    /** ndctl's plural for regions: {@code 1 region}, else {@code regions} ({@code disabled 0 regions}). */
    static String regions(int count) {
        return count + " region" + (count == 1 ? "" : "s");
    }
}
