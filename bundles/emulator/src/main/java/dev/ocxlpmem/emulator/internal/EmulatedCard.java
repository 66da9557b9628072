package dev.ocxlpmem.emulator.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.emulator.ControllerConfig;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.EmulatedCardConfig;
import dev.ocxlpmem.memory.MemoryProvider;
import dev.ocxlpmem.ocxl.AfuConfig;
import dev.ocxlpmem.ocxl.DeviceProblem;
import dev.ocxlpmem.ocxl.FunctionConfig;
import dev.ocxlpmem.ocxl.OcxlFunction;
import dev.ocxlpmem.scm.FirmwareVersion;

/**
 * One emulated card: an image file for its LPC memory, its SCM controller, and its two OpenCAPI
 * functions registered as services, as the PCI core would announce them on a hot plug; beside
 * them the card's {@link CardFaults}.
 */
@Component(configurationPid = EmulatedCardConfig.PID, configurationPolicy = ConfigurationPolicy.REQUIRE)
@Designate(ocd = EmulatedCardConfig.class, factory = true)
public final class EmulatedCard {
    public static final int IBM = 0x1014;
    public static final int SCM_DEVICE = 0x0625;
    /** The AFU name the SCM specification's cards report. */
    static final String AFU_NAME = "IBM,SCM";
    private static final Pattern LOCATION = Pattern.compile("\\p{XDigit}{4}:\\p{XDigit}{2}:\\p{XDigit}{2}");
    private static final Logger LOG = LoggerFactory.getLogger(EmulatedCard.class);

    private final String location;
    private final List<ServiceRegistration<?>> registrations = new ArrayList<>();
    private CardSlot slot;
    private ImageWatch watch;
    /** How often a running card checks that its image is still the file it maps. */
    static final long IMAGE_CHECK_MILLIS = 1000;

    /**
     * The card and its controller's settings come from the same factory configuration. A card that
     * cannot come up (a bad configuration, an image in use, missing or unlockable, a full disk)
     * registers a {@link DeviceProblem} saying why and what to do, instead of only failing in the log.
     */
    @Activate
    public EmulatedCard(BundleContext context, @Reference MemoryProvider memory, @Reference ImageDirectories directories,
            EmulatedCardConfig config, ControllerConfig controller, Map<String, Object> properties) {
        this.location = config.location().toLowerCase();
        String owner = String.valueOf(properties.getOrDefault(Constants.SERVICE_PID, "?"));
        String step = "check configuration";
        try {
            Path image = image(config, defaultImageDirectory(context));
            directories.check(image);
            step = "claim PCI location and image";
            slot = CardSlot.claim(location, image, owner);
            step = "power on";
            PluggedCard card = plug(memory, config, ControllerSettings.of(controller), defaultImageDirectory(context));
            step = "lock image";
            slot.lockImage();
            watch = new ImageWatch(slot.image(), config.lpcMemorySize(), IMAGE_CHECK_MILLIS,
                    what -> imageLost(context, card, what, owner));
            Dictionary<String, Object> faults = new Hashtable<>();
            faults.put(CardFaults.LOCATION, location);
            registrations.add(context.registerService(CardFaults.class, card.faults(), faults));
            for (EmulatedFunction function : card.emulatedFunctions()) {
                registrations.add(context.registerService(OcxlFunction.class, function, properties(function)));
            }
            LOG.info("Emulated OpenCAPI SCM card at {}: {} bytes of LPC memory in {}", location,
                    config.lpcMemorySize(), card.emulatedFunctions().get(1).image());
        } catch (IOException | RuntimeException e) {
            if (slot != null) {
                slot.close();
                slot = null;
            }
            DeviceProblem problem = new DeviceProblem(location, "emulator", step, String.valueOf(e.getMessage()),
                    advice(step, owner));
            Dictionary<String, Object> where = new Hashtable<>();
            where.put(DeviceProblem.LOCATION, location);
            registrations.add(context.registerService(DeviceProblem.class, problem, where));
            // a configuration the card refuses is one line; anything else keeps its stack trace
            LOG.error("Emulated OpenCAPI SCM card at {} (configuration {}) did not come up at '{}': {}", location, owner,
                    step, e.getMessage(), e instanceof IllegalArgumentException ? null : e);
        }
    }

    /**
     * The image is no longer the file mapped: the controller goes into a fatal hardware state (so
     * the driver stops trusting the card), and the card says why beside the working devices.
     */
    private void imageLost(BundleContext context, PluggedCard card, String what, String owner) {
        LOG.error("Emulated OpenCAPI SCM card at {}: {}", location, what);
        card.faults().fatal(dev.ocxlpmem.emulator.FatalState.HARDWARE);
        Dictionary<String, Object> where = new Hashtable<>();
        where.put(DeviceProblem.LOCATION, location);
        DeviceProblem problem = new DeviceProblem(location, "emulator", "image watch", what,
                "stop using the card's namespaces; restore the image from a backup (or copy /proc/<karaf pid>/fd of "
                        + "the unlinked file while Karaf still runs), then unplug and plug the card (config:update "
                        + owner + ")");
        synchronized (registrations) {
            registrations.add(context.registerService(DeviceProblem.class, problem, where));
        }
    }

    private static String advice(String step, String owner) {
        return switch (step) {
            case "check configuration" -> "correct configuration " + owner + " (config:edit " + owner + ")";
            case "claim PCI location and image", "lock image" -> "give configuration " + owner
                    + " a location and image of its own, or remove the other card";
            default -> "see the reason; a missing image can be restored from a backup, and an image of the wrong size "
                    + "belongs to another configuration: keep it, and point " + owner + " at the right file";
        };
    }

    /** Where the card's LPC memory lives: the configured file, or one named after its location. */
    static Path image(EmulatedCardConfig config, Path imageDir) {
        return config.image().isBlank()
                ? imageDir.resolve(config.location().toLowerCase().replace(':', '_') + ".img")
                : Path.of(config.image());
    }

    /** A card with the default controller; its functions are not registered. For tests on real files. */
    public static List<EmulatedFunction> functions(MemoryProvider memory, EmulatedCardConfig config, Path imageDir)
            throws IOException {
        return plug(memory, config, ControllerSettings.DEFAULTS, imageDir).emulatedFunctions();
    }

    /**
     * Checks the configuration, creates the image if needed and powers the controller on (its state
     * file beside the image). Kept apart from OSGi so tests can build a card on a real file.
     */
    public static PluggedCard plug(MemoryProvider memory, EmulatedCardConfig config, ControllerSettings settings,
            Path imageDir) throws IOException {
        String location = config.location().toLowerCase();
        if (!LOCATION.matcher(location).matches()) {
            throw new IllegalArgumentException("PCI location '" + config.location()
                    + "' is not of the form dddd:bb:dd (hexadecimal domain:bus:device)");
        }
        long size = config.lpcMemorySize();
        if (size <= 0 || size % 4096 != 0) {
            throw new IllegalArgumentException("LPC memory size " + size + " must be a positive multiple of 4096");
        }
        Path image = image(config, imageDir);
        if (image.getParent() != null) {
            Files.createDirectories(image.getParent());
        }
        Path state = image.resolveSibling(image.getFileName() + ".state");
        if (!Files.exists(image) && Files.exists(state)) {
            // A blank image here would silently replace a card's labels and data.
            throw new IOException("image " + image + " is missing, but a card used it (its state " + state
                    + " is there): restore the image, or delete " + state + " to start with a blank card");
        }
        memory.createFile(image, size);
        FunctionConfig noAfu = new FunctionConfig(config.serial(), -1, 0);
        FunctionConfig oneAfu = new FunctionConfig(config.serial(), 0, 9);
        AfuConfig afu = new AfuConfig(0, AFU_NAME, 0, 1, 0, size, Controller.MMIO_SIZE);
        InjectedFaults faults = new InjectedFaults(settings);
        InterruptTable interrupts = new InterruptTable();
        Controller controller = new Controller(location, config.serial(), size, memory, image, faults,
                new FirmwareVersion(settings.firmwareVersion()), interrupts, settings.readinessTimeoutSeconds(),
                settings.memoryAvailableTimeoutSeconds());
        return new PluggedCard(List.of(
                new EmulatedFunction(location + ".0", noAfu, List.of(), memory, image, null, new InterruptTable()),
                new EmulatedFunction(location + ".1", oneAfu, List.of(afu), memory, image, controller, interrupts)),
                faults);
    }

    static Path defaultImageDirectory(BundleContext context) {
        String data = context.getProperty("karaf.data");
        if (data == null) {
            data = context.getDataFile("").getAbsolutePath();
        }
        return Path.of(data, "ocxlpmem");
    }

    private static Dictionary<String, Object> properties(EmulatedFunction function) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(OcxlFunction.VENDOR, function.vendor());
        properties.put(OcxlFunction.DEVICE, function.device());
        properties.put(OcxlFunction.FUNCTION, function.functionNumber());
        properties.put(OcxlFunction.LOCATION, function.location());
        properties.put(OcxlFunction.SERIAL, function.config().serial());
        return properties;
    }

    /**
     * Unplugs the card: drivers see their functions go (function 1 first) before this returns, and
     * may shut the controller down on the way; without that the next power-on counts a dirty shutdown.
     */
    @Deactivate
    void unplug() {
        if (watch != null) {
            watch.close();
        }
        List<ServiceRegistration<?>> all;
        synchronized (registrations) {
            all = new ArrayList<>(registrations);
            registrations.clear();
        }
        for (int i = all.size() - 1; i >= 0; i--) {
            try {
                all.get(i).unregister();
            } catch (IllegalStateException alreadyGone) {
                // the framework withdrew it when the bundle stopped
            }
        }
        if (slot != null) {
            slot.close();
            slot = null;
        }
        LOG.info("Emulated OpenCAPI SCM card at {} removed; its image is kept", location);
    }
}
