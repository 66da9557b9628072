package dev.ocxlpmem.metrics.internal;

import java.util.concurrent.ConcurrentHashMap;

import org.osgi.service.component.annotations.Component;

import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.CallObserver;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.DimmCommand;
import dev.ocxlpmem.nvdimm.NdCommand;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.snapshots.Unit;

/**
 * The latency of every {@link Bus#call}, by bus, command ({@code ND_CMD_*}; for {@code ND_CMD_CALL}
 * also its family and function) and outcome: {@code ocxlpmem_bus_command_duration_seconds}. The
 * gate calls {@link #called} on the caller's thread after each command, so the series are looked
 * up in arrays without allocating; a series is made once, the first time it is needed.
 */
@Component(service = {CallObserver.class, CommandHistogram.class})
public final class CommandHistogram implements CallObserver {
    /**
     * Families and functions with a series slot of their own: Linux numbers the families up to 5
     * (NVDIMM_FAMILY_PAPR, include/uapi/linux/ndctl.h), this product adds 6; function masks are
     * 64 bits wide. Anything else shares one slot.
     */
    private static final int FAMILIES = 8;
    private static final int FUNCTIONS = 64;
    private static final int COMMANDS = NdCommand.values().length;
    /** Slots per outcome: each plain command, each family's functions, and one for what is out of range. */
    private static final int SLOTS = COMMANDS + FAMILIES * FUNCTIONS + 1;
    private static final int OUTCOMES = Outcome.values().length;

    private final Histogram histogram = Histogram.builder()
            .name("ocxlpmem_bus_command_duration_seconds")
            .unit(Unit.SECONDS)
            .help("Bus.call, from the gate's checks to the provider's answer, by command and outcome (ok, refused: "
                    + "by the bus or the provider before anything changed, failed)")
            .labelNames("bus", "command", "family", "function", "outcome")
            .classicOnly()
            .classicUpperBounds(1e-5, 2.5e-5, 1e-4, 2.5e-4, 1e-3, 2.5e-3, 1e-2, 2.5e-2, 0.1, 0.25, 1, 2.5, 10)
            .withoutExemplars()
            .build();
    /** Per bus, the series by slot and outcome, filled as they are first used. */
    private final ConcurrentHashMap<String, DistributionDataPoint[]> buses = new ConcurrentHashMap<>();

    public Histogram histogram() {
        return histogram;
    }

    @Override
    public void called(Bus bus, Dimm dimm, DimmCommand<?> command, Outcome outcome, long nanos) {
        DistributionDataPoint[] series = buses.get(bus.dev());
        if (series == null) {
            series = buses.computeIfAbsent(bus.dev(), dev -> new DistributionDataPoint[SLOTS * OUTCOMES]);
        }
        int slot = slot(command) * OUTCOMES + outcome.ordinal();
        DistributionDataPoint point = series[slot];
        if (point == null) {
            point = series(bus.dev(), command, outcome);
            series[slot] = point; // a race makes the same series twice: the histogram keeps one per label set
        }
        point.observe(nanos / 1e9);
    }

    private static int slot(DimmCommand<?> command) {
        if (command instanceof DimmCommand.Call call) {
            int family = call.family();
            int function = call.function();
            return family >= 0 && family < FAMILIES && function >= 0 && function < FUNCTIONS
                    ? COMMANDS + family * FUNCTIONS + function : SLOTS - 1;
        }
        return command.type().ordinal();
    }

    private DistributionDataPoint series(String bus, DimmCommand<?> command, Outcome outcome) {
        String family = "";
        String function = "";
        if (command instanceof DimmCommand.Call call) {
            boolean inRange = slot(command) != SLOTS - 1;
            family = inRange ? Integer.toString(call.family()) : "other";
            function = inRange ? Integer.toString(call.function()) : "other";
        }
        return histogram.labelValues(bus, command.type().ndName(), family, function, outcome.label());
    }
}
