package dev.ocxlpmem.testing.card;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Stream;

import dev.ocxlpmem.driver.Device;
import dev.ocxlpmem.driver.standalone.Devices;
import dev.ocxlpmem.emulator.Card;
import dev.ocxlpmem.emulator.CardFaults;
import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.standalone.Cards;
import dev.ocxlpmem.memory.standalone.MmapMemory;
import dev.ocxlpmem.nvdimm.Bus;
import dev.ocxlpmem.nvdimm.Dimm;
import dev.ocxlpmem.nvdimm.NvdimmCore;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.Region;
import dev.ocxlpmem.nvdimm.standalone.LibNvdimm;
import dev.ocxlpmem.scm.ScmEvent;

/**
 * One emulated card (a real image file in a directory of its own) probed by the real driver on a
 * standalone nvdimm core: bus {@code ndbus0}, DIMM {@code nmem0} speaking family 6, region
 * {@code region0}. The controller's events are kept in order and handed to the listeners added.
 */
public final class OneCard implements AutoCloseable {
    /** LPC memory: small, so that an overwrite is quick. */
    public static final long LPC = 8L << 20;
    public static final long LABEL_AREA = 128 * 1024;
    public static final long SERIAL = 0x5eed;
    public static final String LOCATION = "0006:00:00";

    private final Path dir;
    private final boolean ownDir;
    private final NvdimmCore core = LibNvdimm.core();
    private final Card card;
    private final Device device;
    private final List<ScmEvent> events = new CopyOnWriteArrayList<>();
    private final List<Consumer<ScmEvent>> listeners = new CopyOnWriteArrayList<>();

    private OneCard(Path dir, boolean ownDir, ControllerSettings settings) throws IOException, NvdimmException {
        this.dir = dir;
        this.ownDir = ownDir;
        core.addFamilyCodec(Devices.codec());
        this.card = Cards.plug(MmapMemory.provider(), Cards.config("", LPC, SERIAL, LOCATION), settings, dir);
        this.device = Devices.probe(card.functions().get(1), core, LABEL_AREA, e -> {
            events.add(e);
            listeners.forEach(l -> l.accept(e));
        });
    }

    /** A new card in a temporary directory, deleted on close. */
    public static OneCard plug() {
        try {
            return new OneCard(Files.createTempDirectory("ocxlpmem-card"), true, ControllerSettings.DEFAULTS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NvdimmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The card whose image is in {@code dir} (a new one if there is none), powered on again. */
    public static OneCard plug(Path dir, ControllerSettings settings) throws IOException, NvdimmException {
        return new OneCard(dir, false, settings);
    }

    public NvdimmCore core() {
        return core;
    }

    public CardFaults faults() {
        return card.faults();
    }

    public Bus bus() {
        return device.bus();
    }

    public Dimm dimm() {
        return bus().dimms().get(0);
    }

    public Region region() {
        return bus().regions().get(0);
    }

    /** Every controller event so far, in order. */
    public List<ScmEvent> events() {
        return new ArrayList<>(events);
    }

    /** {@code listener} gets each event from now on, on the controller's interrupt thread. */
    public void onEvent(Consumer<ScmEvent> listener) {
        listeners.add(listener);
    }

    /** Removes the card (SHUTDOWN reaches its controller) and, for a temporary one, its files. */
    @Override
    public void close() {
        device.close();
        if (ownDir) {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
