package dev.ocxlpmem.shell.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.api.console.Session;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;

import dev.ocxlpmem.ndctl.BusInfo;
import dev.ocxlpmem.ndctl.DimmEvent;
import dev.ocxlpmem.ndctl.DimmEventType;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.Monitor;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.RegionInfo;
import dev.ocxlpmem.nvdimm.NvdimmException;

/**
 * {@code ndctl monitor} (ndctl 76 ndctl/monitor.c): one JSON object a line for each DIMM event,
 * until Ctrl-C. As ndctl's {@code log_standard}, the lines go to standard error unless
 * {@code -l file} appends them to a file ({@code -l standard} is the default); {@code -u} prints
 * them pretty. With no DIMM to watch it says so and fails, as ndctl does.
 */
@Service
@Command(scope = "ndctl", name = "monitor",
        description = "Watch DIMMs for health events, one JSON line per event, until Ctrl-C (ndctl monitor)")
public class MonitorCommand implements Action {

    @Option(name = "-d", aliases = "--dimm", description = "filter by dimm (nmemN, N, or the DIMM's id)")
    @Completion(DimmNameCompleter.class)
    String dimm;

    @Option(name = "-b", aliases = "--bus", description = "filter by bus (ndbusN, N, or the provider's name)")
    String bus;

    @Option(name = "-r", aliases = "--region", description = "filter by region: the DIMMs it lies on")
    @Completion(RegionNameCompleter.class)
    String region;

    @Option(name = "-D", aliases = "--dimm-event", description = "the events to report, separated by spaces or "
            + "commas: dimm-spares-remaining, dimm-media-temperature, dimm-controller-temperature, "
            + "dimm-health-state, dimm-unclean-shutdown, dimm-error-log, or all (default)")
    @Completion(value = StringsCompleter.class, values = {"all", "dimm-spares-remaining", "dimm-media-temperature",
        "dimm-controller-temperature", "dimm-health-state", "dimm-unclean-shutdown", "dimm-error-log"})
    String events;

    @Option(name = "-l", aliases = "--log", description = "where to write the events: a file (appended) in the "
            + "server's files directory ${karaf.data}/ocxlpmem/files (admin only), or standard (standard error, the "
            + "default)")
    @Completion(FileNameCompleter.class)
    String log;

    @Option(name = "-p", aliases = "--poll", description = "also look at every DIMM every <n> seconds")
    int poll;

    @Option(name = "-u", aliases = "--human", description = "pretty-print each event")
    boolean human;

    @Reference
    Ndctl ndctl;

    @Reference
    Session session;

    @Reference
    ServerFiles files;

    @Override
    public Object execute() throws Exception {
        Set<DimmEventType> watched;
        try {
            watched = DimmEventType.parse(events);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        List<String> dimms = dimms();
        // opened once, as ndctl's fopen of the log: the file met at the start is the one written
        try (SeekableByteChannel file = log == null || log.equals("standard") ? null : files.append(log, "-l")) {
            return watch(dimms, watched, file);
        }
    }

    private Object watch(List<String> dimms, Set<DimmEventType> watched, SeekableByteChannel file) throws Exception {
        BlockingQueue<DimmEvent> seen = new LinkedBlockingQueue<>();
        Monitor monitor;
        try {
            monitor = ndctl.monitor(dimms, watched, poll, seen::add);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        } catch (NvdimmException e) {
            if (e.isFault()) {
                throw e;
            }
            throw new CommandException(e.getMessage());
        }
        long pid = ProcessHandle.current().pid();
        try (monitor) {
            while (true) {
                DimmEvent event = seen.take(); // Ctrl-C interrupts
                Object json = NdctlJson.monitorEvent(event, pid);
                write(file, human ? NdctlJson.write(json) : NdctlJson.writePlain(json));
            }
        } catch (InterruptedException stopped) {
            return null;
        }
    }

    /** The DIMMs the filters keep, as ndctl's filter walk finds them; all when none is given. */
    private List<String> dimms() throws Exception {
        if (dimm == null && bus == null && region == null) {
            return List.of("all");
        }
        String busDev = bus == null ? null : ndctl.bus(bus).dev();
        String dimmDev = dimm == null ? null : ndctl.dimm(dimm).dev();
        RegionInfo r = region == null ? null : ndctl.region(region);
        List<String> kept = new ArrayList<>();
        for (BusInfo b : ndctl.buses()) {
            for (DimmInfo d : b.dimms()) {
                boolean inRegion = r == null || r.mappings().stream().anyMatch(m -> m.dimm().equals(d.dev()));
                if ((busDev == null || busDev.equals(b.dev())) && (dimmDev == null || dimmDev.equals(d.dev()))
                        && inRegion) {
                    kept.add(d.dev());
                }
            }
        }
        if (kept.isEmpty()) {
            throw new CommandException("no dimms to monitor: none is on " + String.join(" and ",
                    java.util.stream.Stream.of(busDev, dimmDev, r == null ? null : r.dev())
                            .filter(java.util.Objects::nonNull).toList()));
        }
        return kept;
    }

    private void write(SeekableByteChannel file, String line) throws IOException {
        if (file != null) {
            ByteBuffer bytes = ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                file.write(bytes);
            }
            return;
        }
        PrintStream err = System.err;
        err.println(line);
        SessionStreams.flush(session);
    }
}
