package dev.ocxlpmem.shell.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
import dev.ocxlpmem.emulator.SmartValues;
import dev.ocxlpmem.ndctl.DimmInfo;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.NdctlJson;
import dev.ocxlpmem.ndctl.Role;

/**
 * {@code ndctl inject-smart} (ndctl 76 ndctl/inject-smart.c) on an emulated card: sets what its
 * sensors read and its alarms' thresholds, a fatal state, an unsafe shutdown, or takes them back,
 * then prints the DIMM with its health as ndctl does. Where ndctl sends the platform's SMART
 * inject command, this sets the emulated card's values ({@link CardFaults}), which the host then
 * reads through the bus like any health. A card that is no emulated one is refused.
 */
@Service
@Command(scope = "ndctl", name = "inject-smart",
        description = "Inject SMART values, alarms, a fatal state or an unsafe shutdown into an emulated card (ndctl inject-smart)")
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

    @Reference
    BundleContext context;

    @Override
    public Object execute() throws Exception {
        DimmInfo dimm;
        CardFaults card;
        try {
            dimm = ndctl.dimm(name);
            ndctl.require(Role.ADMIN, "inject SMART values into " + dimm.dev());
            card = EmulatedCards.of(context, dimm);
        } catch (IllegalArgumentException | dev.ocxlpmem.nvdimm.NvdimmException e) {
            throw new CommandException(name + ": smart injection not supported: " + e.getMessage());
        }
        inject(dimm, card);
        return null;
    }

    /**
     * What ndctl's options do, and nothing else: values and thresholds set, a fatal state or an
     * unsafe shutdown injected or taken back. Taking the fatal state back is no controller reset,
     * which would also activate an armed firmware image.
     */
    void inject(DimmInfo dimm, CardFaults card) throws Exception {
        if (uninjectAll) {
            mediaTemperatureUninject = ctrlTemperatureUninject = sparesUninject = fatalUninject = true;
        }
        SmartValues values;
        try {
            values = values(card.smart());
        } catch (IllegalArgumentException e) {
            throw new CommandException(dimm.dev() + ": " + e.getMessage());
        }
        if (values.equals(card.smart()) && !fatal && !fatalUninject && !unsafeShutdown && !unsafeShutdownUninject) {
            throw new CommandException("No valid operation specified");
        }
        if (unsafeShutdownUninject && !uninjectAll) {
            throw new CommandException(dimm.dev() + ": an unsafe shutdown cannot be uninjected on the emulated card: "
                    + "its state clears at the card's next clean power cycle");
        }
        card.smart(values);
        if (fatalUninject) {
            card.clearFatal();
        }
        if (unsafeShutdown) {
            card.dirtyShutdown();
        }
        if (fatal) {
            card.fatal(FatalState.FIRMWARE);
        }
        Map<String, Object> json = NdctlJson.dimm(ndctl.dimm(dimm.dev()), human); // its state after the injection
        ndctl.health(dimm.dev()).ifPresent(h -> json.put("health", NdctlJson.health(h)));
        System.out.println(NdctlJson.display(List.of(json), human));
    }

    /** The card's values with what the options inject, set or uninject, each checked. */
    private SmartValues values(SmartValues now) {
        SmartValues d = SmartValues.DEFAULTS;
        double media = pick(mediaTemperature, mediaTemperatureUninject, now.mediaTemperatureCelsius(),
                d.mediaTemperatureCelsius(), "media-temperature");
        int mediaThreshold = (int) number(mediaTemperatureThreshold, now.mediaTemperatureThreshold(),
                "media-temperature-threshold");
        boolean mediaAlarm = alarm(mediaTemperatureAlarm, now.mediaTemperatureAlarmEnabled(), "media-temperature-alarm");
        double ctrl = pick(ctrlTemperature, ctrlTemperatureUninject, now.controllerTemperatureCelsius(),
                d.controllerTemperatureCelsius(), "ctrl-temperature");
        int ctrlThreshold = (int) number(ctrlTemperatureThreshold, now.controllerTemperatureThreshold(),
                "ctrl-temperature-threshold");
        boolean ctrlAlarm = alarm(ctrlTemperatureAlarm, now.controllerTemperatureAlarmEnabled(), "ctrl-temperature-alarm");
        int sparesNow = (int) pick(spares, sparesUninject, now.sparesPercent(), d.sparesPercent(), "spares");
        int sparesLimit = (int) number(sparesThreshold, now.sparesThreshold(), "spares-threshold");
        boolean sparesOn = alarm(sparesAlarm, now.sparesAlarmEnabled(), "spares-alarm");
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
        return new SmartValues(media, mediaThreshold, mediaAlarm, ctrl, ctrlThreshold, ctrlAlarm, sparesNow,
                sparesLimit, sparesOn, now.lifeUsedPercent());
    }

    private static double pick(String value, boolean uninject, double now, double stock, String option) {
        return uninject ? stock : number(value, now, option);
    }

    private static double number(String value, double now, String option) {
        if (value == null) {
            return now;
        }
        try {
            return Double.parseDouble(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid argument: " + option + ": " + value);
        }
    }

    /** ndctl: {@code on} or {@code off}. */
    private static boolean alarm(String value, boolean now, String option) {
        if (value == null) {
            return now;
        }
        return switch (value) {
            case "on" -> true;
            case "off" -> false;
            default -> throw new IllegalArgumentException("Invalid argument: " + option + ": " + value
                    + " (on or off)");
        };
    }
}
