package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
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

import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.NotPermittedException;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.SmartInjection;
import dev.ocxlpmem.nvdimm.SmartInjection.Field;

/**
 * {@code ndctl inject-smart} (ndctl 76 ndctl/inject-smart.c): sets what a DIMM's sensors read and
 * its alarms' thresholds, a fatal state, an unsafe shutdown, or takes them back, through the
 * DIMM's command family as ndctl sends the platform's SMART inject command; then prints the DIMM
 * with its health as ndctl does. A DIMM whose card does not offer it is refused with the reason.
 */
@Service
@Command(scope = "ndctl", name = "inject-smart",
        description = "Inject SMART values, alarms, a fatal state or an unsafe shutdown into a DIMM (ndctl inject-smart)")
public class InjectSmartCommand implements Action {

    @Argument(index = 0, name = "nmem", description = "the DIMM: nmemN or N", required = true)
    @Completion(DimmNameCompleter.class)
    String name;

    @Option(name = "-m", aliases = "--media-temperature", description = "inject a value for the media temperature (°C)")
    String mediaTemperature;

    @Option(name = "-M", aliases = "--media-temperature-threshold",
            description = "set the threshold of the media temperature alarm (°C)")
    String mediaTemperatureThreshold;

    @Option(name = "--media-temperature-alarm", description = "enable or disable the media temperature alarm: on, off")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String mediaTemperatureAlarm;

    @Option(name = "--media-temperature-uninject", description = "uninject the media temperature")
    boolean mediaTemperatureUninject;

    @Option(name = "-c", aliases = "--ctrl-temperature", description = "inject a value for the controller temperature (°C)")
    String ctrlTemperature;

    @Option(name = "-C", aliases = "--ctrl-temperature-threshold",
            description = "set the threshold of the controller temperature alarm (°C)")
    String ctrlTemperatureThreshold;

    @Option(name = "--ctrl-temperature-alarm",
            description = "enable or disable the controller temperature alarm: on, off")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String ctrlTemperatureAlarm;

    @Option(name = "--ctrl-temperature-uninject", description = "uninject the controller temperature")
    boolean ctrlTemperatureUninject;

    @Option(name = "-s", aliases = "--spares", description = "inject a value for the spares remaining (%)")
    String spares;

    @Option(name = "-S", aliases = "--spares-threshold", description = "set the threshold of the spares alarm (%)")
    String sparesThreshold;

    @Option(name = "--spares-alarm", description = "enable or disable the spares alarm: on, off")
    @Completion(value = StringsCompleter.class, values = {"on", "off"})
    String sparesAlarm;

    @Option(name = "--spares-uninject", description = "uninject the spares remaining")
    boolean sparesUninject;

    @Option(name = "-f", aliases = "--fatal", description = "inject a fatal health state (the controller's firmware fails)")
    boolean fatal;

    @Option(name = "-F", aliases = "--fatal-uninject",
            description = "uninject the fatal state (the controller leaves it; no reset)")
    boolean fatalUninject;

    @Option(name = "-U", aliases = "--unsafe-shutdown", description = "inject an unsafe shutdown (the count grows by one)")
    boolean unsafeShutdown;

    @Option(name = "--unsafe-shutdown-uninject", description = "uninject the unsafe shutdown state")
    boolean unsafeShutdownUninject;

    @Option(name = "-N", aliases = "--uninject-all", description = "uninject all possible fields")
    boolean uninjectAll;

    @Option(name = "-u", aliases = "--human", description = "use human friendly number formats")
    boolean human;

    @Reference
    Ndctl ndctl;

    @Override
    public Object execute() throws Exception {
        DimmInfo dimm;
        SmartInjection injection;
        try {
            dimm = ndctl.dimm(name);
            injection = injection();
        } catch (IllegalArgumentException | NvdimmException e) {
            throw new CommandException(name + ": " + e.getMessage());
        }
        if (injection.isEmpty()) {
            throw new CommandException("No valid operation specified");
        }
        try {
            ndctl.injectSmart(dimm.dev(), injection);
        } catch (NotPermittedException e) {
            throw new CommandException(e.getMessage());
        } catch (NvdimmException e) {
            throw new CommandException(dimm.dev() + ": smart injection not supported: " + e.getMessage());
        }
        Map<String, Object> json = NdctlJson.dimm(ndctl.dimm(dimm.dev()), human); // its state after the injection
        ndctl.health(dimm.dev()).ifPresent(h -> json.put("health", NdctlJson.health(h)));
        System.out.println(NdctlJson.display(List.of(json), human));
        return null;
    }

    /**
     * What ndctl's options ask, and nothing else: values and thresholds set, a fatal state or an
     * unsafe shutdown injected or taken back. With {@code -N} a value's uninjection wins over its
     * injection, as ndctl's {@code --uninject-all} takes every field back.
     */
    SmartInjection injection() {
        if (uninjectAll) {
            mediaTemperatureUninject = ctrlTemperatureUninject = sparesUninject = fatalUninject = true;
        }
        List<String> inconsistent = new ArrayList<>();
        if (mediaTemperature != null && mediaTemperatureUninject && !uninjectAll) {
            inconsistent.add("media-temperature");
        }
        if (ctrlTemperature != null && ctrlTemperatureUninject && !uninjectAll) {
            inconsistent.add("ctrl-temperature");
        }
        if (spares != null && sparesUninject && !uninjectAll) {
            inconsistent.add("spares");
        }
        if (fatal && fatalUninject) {
            inconsistent.add("fatal");
        }
        if (!inconsistent.isEmpty()) {
            throw new IllegalArgumentException("Cannot use " + inconsistent.get(0) + " inject and uninject together");
        }
        Map<Field, Double> set = new EnumMap<>(Field.class);
        Set<Field> uninject = EnumSet.noneOf(Field.class);
        value(set, uninject, Field.MEDIA_TEMPERATURE, mediaTemperature, mediaTemperatureUninject, "media-temperature");
        value(set, uninject, Field.MEDIA_TEMPERATURE_THRESHOLD, mediaTemperatureThreshold, false,
                "media-temperature-threshold");
        alarm(set, Field.MEDIA_TEMPERATURE_ALARM, mediaTemperatureAlarm, "media-temperature-alarm");
        value(set, uninject, Field.CONTROLLER_TEMPERATURE, ctrlTemperature, ctrlTemperatureUninject, "ctrl-temperature");
        value(set, uninject, Field.CONTROLLER_TEMPERATURE_THRESHOLD, ctrlTemperatureThreshold, false,
                "ctrl-temperature-threshold");
        alarm(set, Field.CONTROLLER_TEMPERATURE_ALARM, ctrlTemperatureAlarm, "ctrl-temperature-alarm");
        value(set, uninject, Field.SPARES, spares, sparesUninject, "spares");
        value(set, uninject, Field.SPARES_THRESHOLD, sparesThreshold, false, "spares-threshold");
        alarm(set, Field.SPARES_ALARM, sparesAlarm, "spares-alarm");
        if (fatal) {
            set.put(Field.FATAL, 1.0);
        }
        if (fatalUninject) {
            uninject.add(Field.FATAL);
        }
        if (unsafeShutdown) {
            set.put(Field.UNSAFE_SHUTDOWN, 1.0);
        }
        if (unsafeShutdownUninject && !uninjectAll) {
            uninject.add(Field.UNSAFE_SHUTDOWN);
        }
        return new SmartInjection(set, uninject);
    }

    private static void value(Map<Field, Double> set, Set<Field> uninject, Field field, String value,
            boolean uninjected, String option) {
        if (uninjected) {
            uninject.add(field);
        } else if (value != null) {
            try {
                set.put(field, Double.parseDouble(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Invalid argument: " + option + ": " + value);
            }
        }
    }

    /** ndctl: {@code on} or {@code off}. */
    private static void alarm(Map<Field, Double> set, Field field, String value, String option) {
        if (value == null) {
            return;
        }
        set.put(field, switch (value) {
            case "on" -> 1.0;
            case "off" -> 0.0;
            default -> throw new IllegalArgumentException("Invalid argument: " + option + ": " + value
                    + " (on or off)");
        });
    }
}
