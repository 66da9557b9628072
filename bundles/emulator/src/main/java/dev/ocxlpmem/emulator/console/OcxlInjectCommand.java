package dev.ocxlpmem.emulator.console;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.karaf.shell.api.action.Action;
import org.apache.karaf.shell.api.action.Argument;
import org.apache.karaf.shell.api.action.Command;
import org.apache.karaf.shell.api.action.Completion;
import org.apache.karaf.shell.api.action.Option;
import org.apache.karaf.shell.api.action.lifecycle.Reference;
import org.apache.karaf.shell.api.action.lifecycle.Service;
import org.apache.karaf.shell.support.CommandException;
import org.apache.karaf.shell.support.completers.StringsCompleter;
import org.osgi.framework.BundleContext;

import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.emulator.FatalState;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.emulator.SmartValues;
import dev.ocxlpmem.nvdimm.Nvdimm;
import dev.ocxlpmem.scm.ErrorLogAction;
import dev.ocxlpmem.scm.ErrorLogEntry;
import dev.ocxlpmem.scm.ErrorLogType;

/**
 * The emulator's fault injection ({@link CardFaults}) from the console: each fault shows through
 * the card's registers and commands, as the hardware's would, and the host learns of it only so.
 * What only an emulated card can do, so it comes with the emulator bundle; admin's by the console's
 * command ACL ({@code etc/org.apache.karaf.command.acl.ocxl.cfg}).
 */
@Service
@Command(scope = "ocxl", name = "inject", description = "Inject a fault into an emulated OpenCAPI SCM card",
        detailedDescription = OcxlInjectCommand.FAULTS)
public class OcxlInjectCommand implements Action {
    static final String FAULTS = """
            not-ready <ms|never>           CHI.CRDY that long after each controller reset
            memory-unavailable <ms|never>  CHI.MA that long after each reset
            slow <ms>                      every response that late (0: at once)
            wrong-id [count]               the next responses carry another command's id
            fatal firmware|hardware        CHI.CFFS or CHI.CHFS; commands fail until reset
            reset                          a controller reset (AFU reset)
            error <type> <text...>         an error log entry: general, predictive-failure, thermal,
                                           data-loss, health-performance (-a actions for general)
            smart <key=value...>           media, media-threshold, media-alarm, controller,
                                           controller-threshold, controller-alarm, spares,
                                           spares-threshold, spares-alarm, life-used
            poison <offset> <length>       LPC memory that fails reads, reported unless -N
            clear-poison <offset> <length> good again
            dirty-shutdown                 an unexpected power loss: the count grows by one
            block-firmware on|off          FW_UPDATE answers 0x21 (blocked) while on
            clear                          timings, SMART and blocks back to the configuration
            status                         what is injected now""";

    @Argument(index = 0, name = "card", description = "the card: its PCI location (0006:00:00) or its DIMM (nmemN)",
            required = true)
    String card;

    @Argument(index = 1, name = "fault", description = "the fault; see DETAILS", required = true)
    @Completion(value = StringsCompleter.class, values = {"not-ready", "memory-unavailable", "slow", "wrong-id",
        "fatal", "reset", "error", "smart", "poison", "clear-poison", "dirty-shutdown", "block-firmware", "clear",
        "status"})
    String fault;

    @Argument(index = 2, name = "values", description = "the fault's values", multiValued = true)
    List<String> values = List.of();

    @Option(name = "-a", aliases = "--actions", description = "for error: recommended actions, comma separated "
            + "(reset, check-firmware, replace, dump)")
    String actions;

    @Option(name = "-N", aliases = "--no-notify", description = "for poison: the card does not report it")
    boolean noNotify;

    @Reference
    Nvdimm nvdimm;

    @Reference
    BundleContext context;

    @Override
    public Object execute() throws Exception {
        CardFaults faults;
        try {
            faults = card.startsWith("nmem") || card.chars().allMatch(Character::isDigit)
                    ? EmulatedCards.of(context, dimm(card)) : EmulatedCards.byLocation(context, card);
        } catch (IllegalArgumentException e) {
            throw new CommandException(e.getMessage());
        }
        try {
            String done = inject(faults);
            System.out.println(faults.location() + ": " + done);
        } catch (IllegalArgumentException e) {
            throw new CommandException(faults.location() + ": " + fault + ": " + e.getMessage());
        }
        return null;
    }

    /** {@code nmemN} or {@code N}, as ndctl names a DIMM. */
    private dev.ocxlpmem.nvdimm.Dimm dimm(String name) {
        String dev = name.startsWith("nmem") ? name : "nmem" + name;
        return nvdimm.dimm(dev).orElseThrow(() -> new IllegalArgumentException(dev + " not found"));
    }

    private String inject(CardFaults f) {
        switch (fault) {
            case "not-ready" -> {
                f.readinessDelay(delay(0));
                return "CHI.CRDY " + values.get(0) + " after the next reset";
            }
            case "memory-unavailable" -> {
                f.memoryAvailableDelay(delay(0));
                return "CHI.MA " + values.get(0) + " after the next reset";
            }
            case "slow" -> {
                f.responseDelay(delay(0));
                return "responses " + values.get(0) + " ms late";
            }
            case "wrong-id" -> {
                int count = values.isEmpty() ? 1 : Integer.parseInt(values.get(0));
                f.wrongResponseIds(count);
                return "the next " + count + " responses carry a wrong id";
            }
            case "fatal" -> {
                FatalState state = FatalState.valueOf(value(0, "firmware or hardware").toUpperCase(Locale.ROOT));
                f.fatal(state);
                return "controller in a fatal " + state.name().toLowerCase(Locale.ROOT) + " state";
            }
            case "reset" -> {
                f.reset();
                return "controller reset";
            }
            case "error" -> {
                ErrorLogType type = errorType(value(0, "the entry's type"));
                ErrorLogEntry e = f.logError(type, actions(), String.join(" ", values.subList(1, values.size())));
                return "logged " + e;
            }
            case "smart" -> {
                f.smart(smart(f.smart()));
                return "SMART " + f.smart();
            }
            case "poison" -> {
                MediaRange r = range();
                f.poison(r, !noNotify);
                return "poisoned " + r + (noNotify ? " (not reported)" : "");
            }
            case "clear-poison" -> {
                MediaRange r = range();
                f.clearPoison(r);
                return "cleared the poison in " + r;
            }
            case "dirty-shutdown" -> {
                f.dirtyShutdown();
                return "dirty shutdown recorded";
            }
            case "block-firmware" -> {
                boolean on = switch (value(0, "on or off")) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new IllegalArgumentException("on or off, not " + values.get(0));
                };
                f.blockFirmwareUpdate(on);
                return "firmware updates " + (on ? "blocked" : "allowed");
            }
            case "clear" -> {
                f.clear();
                return "faults cleared (poison and the error log stay)";
            }
            case "status" -> {
                return "SMART " + f.smart() + "; poisoned " + f.poisoned();
            }
            default -> throw new IllegalArgumentException("no such fault; the faults are:\n" + FAULTS);
        }
    }

    private String value(int index, String what) {
        if (values.size() <= index) {
            throw new IllegalArgumentException("needs " + what);
        }
        return values.get(index);
    }

    private Duration delay(int index) {
        String v = value(index, "a delay in ms, or never");
        if (v.equals("never")) {
            return CardFaults.NEVER;
        }
        return Duration.ofMillis(Long.parseLong(v));
    }

    private MediaRange range() {
        return new MediaRange(Long.decode(value(0, "an offset in LPC memory")), Long.decode(value(1, "a length")));
    }

    private static ErrorLogType errorType(String name) {
        return switch (name) {
            case "general" -> ErrorLogType.GENERAL;
            case "predictive-failure" -> ErrorLogType.PREDICTIVE_FAILURE;
            case "thermal" -> ErrorLogType.THERMAL_WARNING;
            case "data-loss" -> ErrorLogType.DATA_LOSS;
            case "health-performance" -> ErrorLogType.HEALTH_PERFORMANCE;
            default -> throw new IllegalArgumentException("no error log type " + name
                    + ": general, predictive-failure, thermal, data-loss, health-performance");
        };
    }

    private Set<ErrorLogAction> actions() {
        Set<ErrorLogAction> set = EnumSet.noneOf(ErrorLogAction.class);
        if (actions != null) {
            for (String a : actions.split(",")) {
                set.add(ErrorLogAction.valueOf(a.trim().toUpperCase(Locale.ROOT).replace('-', '_')));
            }
        }
        return set;
    }

    private SmartValues smart(SmartValues s) {
        double media = s.mediaTemperatureCelsius();
        int mediaThreshold = s.mediaTemperatureThreshold();
        boolean mediaAlarm = s.mediaTemperatureAlarmEnabled();
        double controller = s.controllerTemperatureCelsius();
        int controllerThreshold = s.controllerTemperatureThreshold();
        boolean controllerAlarm = s.controllerTemperatureAlarmEnabled();
        int spares = s.sparesPercent();
        int sparesThreshold = s.sparesThreshold();
        boolean sparesAlarm = s.sparesAlarmEnabled();
        int lifeUsed = s.lifeUsedPercent();
        if (values.isEmpty()) {
            throw new IllegalArgumentException("needs key=value pairs");
        }
        for (String pair : values) {
            int eq = pair.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException(pair + " is not key=value");
            }
            String v = pair.substring(eq + 1);
            switch (pair.substring(0, eq)) {
                case "media" -> media = Double.parseDouble(v);
                case "media-threshold" -> mediaThreshold = Integer.parseInt(v);
                case "media-alarm" -> mediaAlarm = v.equals("on");
                case "controller" -> controller = Double.parseDouble(v);
                case "controller-threshold" -> controllerThreshold = Integer.parseInt(v);
                case "controller-alarm" -> controllerAlarm = v.equals("on");
                case "spares" -> spares = Integer.parseInt(v);
                case "spares-threshold" -> sparesThreshold = Integer.parseInt(v);
                case "spares-alarm" -> sparesAlarm = v.equals("on");
                case "life-used" -> lifeUsed = Integer.parseInt(v);
                default -> throw new IllegalArgumentException("no SMART value " + pair.substring(0, eq));
            }
        }
        return new SmartValues(media, mediaThreshold, mediaAlarm, controller, controllerThreshold, controllerAlarm,
                spares, sparesThreshold, sparesAlarm, lifeUsed);
    }
}
