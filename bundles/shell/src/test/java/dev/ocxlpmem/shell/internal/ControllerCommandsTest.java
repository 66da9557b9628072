package dev.ocxlpmem.shell.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.karaf.shell.support.CommandException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.ocxlpmem.emulator.ControllerSettings;
import dev.ocxlpmem.emulator.MediaRange;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.ListRequest;
import dev.ocxlpmem.ndctl.Listing;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.Progress;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.scm.FirmwareImage;
import dev.ocxlpmem.scm.FirmwareState;
import dev.ocxlpmem.scm.FirmwareVersion;
import dev.ocxlpmem.testing.card.OneCard;

/** The console commands on an emulated card probed by the real driver: what they print and refuse. */
class ControllerCommandsTest {
    @TempDir
    Path dir;

    private final OneCard card = OneCard.plug();
    private final Ndctl ndctl = LibNdctl.over(card.core(), ConfigDataLabels.store());
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errors = new ByteArrayOutputStream();

    @AfterEach
    void close() {
        System.setOut(out);
        System.setErr(err);
        card.close();
    }

    private void capture() {
        printed.reset();
        errors.reset();
        System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(errors, true, StandardCharsets.UTF_8));
    }

    private String list(String... args) throws Exception {
        return ndctl.list(ListRequest.parse(List.of(args))).json();
    }

    /** The file options' directory is the test's own. */
    private ServerFiles files() {
        return new ServerFiles(ndctl, dir, List.of());
    }

    private <T extends DimmsCommand> T dimms(T command, String... names) {
        command.ndctl = ndctl;
        command.names = List.of(names);
        return command;
    }

    @Test
    void listShowsHealthFirmwareAndBadBlocksAsNdctlDoes() throws Exception {
        String dh = list("-DH");
        assertTrue(dh.startsWith("""
                [
                  {
                    "dev":"nmem0",
                    "id":"1014-0000000000005eed",
                    "handle":0,
                    "phys_id":0,
                    "health":{
                      "health_state":"ok",
                      "temperature_celsius":35.0,
                      "controller_temperature_celsius":45.0,
                      "spares_percentage":100,
                      "alarm_temperature":false,"""), dh);
        assertTrue(dh.endsWith("""
                      "life_used_percentage":0,
                      "shutdown_state":"clean",
                      "shutdown_count":0
                    }
                  }
                ]"""), dh);
        String df = list("-DFu");
        assertTrue(df.contains("\n  \"firmware\":{\n    \"current_version\":\"0x302e302e31\",\n"
                + "    \"can_update\":true\n  }\n"), df);
        assertTrue(!list("-D").contains("health"), "only with -H");

        card.faults().poison(new MediaRange(OneCard.LABEL_AREA + 4096, 1024));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!list("-R").contains("badblock_count") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        String r = list("-R");
        assertTrue(r.contains("\"badblock_count\":2,\n    \"persistence_domain\""), r);
        assertTrue(!r.contains("\"badblocks\""), "the list only with -M");
        String rm = list("-RM");
        assertTrue(rm.contains("\n    \"badblock_count\":2,\n    \"badblocks\":[\n      {\n        \"offset\":8,\n"
                + "        \"length\":2,\n        \"dimms\":[\n          \"nmem0\"\n        ]\n      }\n    ],\n"
                + "    \"persistence_domain\":\"unknown\""), rm);
    }

    @Test
    void updateFirmwareShowsProgressThenTheNewVersion() throws Exception {
        Path image = dir.resolve("fw.bin");
        Files.write(image, new FirmwareImage(new FirmwareVersion("2.0.0"), new byte[100_000]).toBytes());
        UpdateFirmwareCommand update = dimms(new UpdateFirmwareCommand(), "nmem0");
        update.firmware = image.toString();
        update.files = files();
        capture();
        update.execute();
        String bar = errors.toString(StandardCharsets.UTF_8);
        assertTrue(bar.contains("nmem0: uploading firmware [") && bar.contains("] 100%\n"), bar);
        assertTrue(bar.contains("updated 1 nmem.\n"), bar);
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("\"current_version\":206933339698"),
                printed.toString(StandardCharsets.UTF_8));
        assertEquals("2.0.0", ndctl.firmware("nmem0").orElseThrow().currentVersion());

        byte[] bad = new FirmwareImage(new FirmwareVersion("3.0.0"), new byte[100_000]).toBytes();
        bad[100] ^= 1;
        Files.write(image, bad);
        UpdateFirmwareCommand refused = dimms(new UpdateFirmwareCommand(), "nmem0");
        refused.firmware = image.toString();
        refused.files = files();
        capture();
        CommandException e = assertThrows(CommandException.class, refused::execute);
        assertTrue(e.getMessage().contains("firmware image invalid"), e.getMessage());
        assertTrue(errors.toString(StandardCharsets.UTF_8).contains("updated 0 nmem.\n"));
        assertEquals("2.0.0", ndctl.firmware("nmem0").orElseThrow().currentVersion());

        UpdateFirmwareCommand missing = dimms(new UpdateFirmwareCommand(), "nmem0");
        missing.firmware = dir.toString();
        missing.files = files();
        assertTrue(assertThrows(CommandException.class, missing::execute).getMessage()
                .endsWith(" is not a regular file: refused"));
    }

    @Test
    void injectSmartTakesBackWhatItInjectedWithoutActivatingAnArmedFirmwareImage() throws Exception {
        ndctl.updateFirmware("nmem0", new FirmwareImage(new FirmwareVersion("2.0.0"), new byte[4096]).toBytes(), false,
                Progress.NONE);
        InjectSmartCommand fatal = injectSmart();
        fatal.fatal = true;
        capture();
        fatal.execute();
        assertEquals(dev.ocxlpmem.nvdimm.DimmHealth.State.FATAL, ndctl.health("nmem0").orElseThrow().healthState());

        InjectSmartCommand all = injectSmart();
        all.uninjectAll = true;
        capture();
        all.execute();
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("\"health_state\":\"ok\""),
                printed.toString(StandardCharsets.UTF_8));
        FirmwareState firmware = ndctl.firmware("nmem0").orElseThrow();
        assertEquals("1.0.0", firmware.currentVersion(), "-N is no controller reset: the armed image is not running");
        assertEquals("2.0.0", firmware.nextVersion());
        assertEquals("armed", firmware.state().activateState());
    }

    @Test
    void injectSmartSetsWhatTheCardsSensorsReadThroughTheBus() throws Exception {
        InjectSmartCommand hot = injectSmart();
        hot.mediaTemperature = "90";
        hot.sparesThreshold = "20";
        hot.spares = "15";
        capture();
        hot.execute();
        assertEquals(90.0, card.faults().smart().mediaTemperatureCelsius());
        assertEquals(15, card.faults().smart().sparesPercent());
        assertEquals(20, card.faults().smart().sparesThreshold());
        String json = printed.toString(StandardCharsets.UTF_8);
        assertTrue(json.contains("\"temperature_celsius\":90.0") && json.contains("\"alarm_spares\":true"), json);

        InjectSmartCommand both = injectSmart();
        both.spares = "50";
        both.sparesUninject = true;
        assertEquals("nmem0: Cannot use spares inject and uninject together",
                assertThrows(CommandException.class, both::execute).getMessage());
        assertEquals("No valid operation specified", assertThrows(CommandException.class, injectSmart()::execute)
                .getMessage());
        assertEquals(15, card.faults().smart().sparesPercent(), "a refused injection changes nothing");
    }

    @Test
    void injectErrorPoisonsListsAndTakesBackThroughTheBus() throws Exception {
        InjectErrorCommand inject = injectError();
        inject.block = "64";
        inject.count = "8";
        capture();
        inject.execute();
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("\"badblock_count\":8"),
                printed.toString(StandardCharsets.UTF_8));
        long regionStart = ndctl.region("region0").start();
        assertEquals(List.of(new MediaRange(regionStart + 64 * 512, 8 * 512)), card.faults().poisoned());

        InjectErrorCommand status = injectError();
        status.status = true;
        capture();
        status.execute();
        assertTrue(printed.toString(StandardCharsets.UTF_8).replaceAll("\\s", "").contains("{\"block\":64,\"count\":8}"),
                printed.toString(StandardCharsets.UTF_8));

        InjectErrorCommand outside = injectError();
        outside.block = Long.toString(ndctl.region("region0").size() / 512);
        outside.count = "1";
        assertTrue(assertThrows(CommandException.class, outside::execute).getMessage().contains("are outside its"));

        InjectErrorCommand uninject = injectError();
        uninject.block = "64";
        uninject.count = "8";
        uninject.uninject = true;
        capture();
        uninject.execute();
        assertEquals(List.of(), card.faults().poisoned());
    }

    @Test
    void aCardWithoutInjectionIsRefusedByTheBusWithTheReason() throws Exception {
        try (OneCard plain = OneCard.plug(dir.resolve("plain"), ControllerSettings.DEFAULTS.withoutInjection())) {
            Ndctl other = LibNdctl.over(plain.core(), ConfigDataLabels.store());
            InjectSmartCommand smart = new InjectSmartCommand();
            smart.ndctl = other;
            smart.name = "nmem0";
            smart.mediaTemperature = "90";
            String refused = assertThrows(CommandException.class, smart::execute).getMessage();
            assertTrue(refused.startsWith("nmem0: smart injection not supported: ") && refused.contains("function 14"),
                    refused);
            assertEquals(35.0, plain.faults().smart().mediaTemperatureCelsius(), "nothing reached the card");

            InjectErrorCommand error = new InjectErrorCommand();
            error.ndctl = other;
            error.name = "region0";
            error.status = true;
            String status = assertThrows(CommandException.class, error::execute).getMessage();
            assertTrue(status.startsWith("region0: error injection not supported: ") && status.contains("function 17"),
                    status);
        }
    }

    private InjectErrorCommand injectError() {
        InjectErrorCommand c = new InjectErrorCommand();
        c.ndctl = ndctl;
        c.name = "region0";
        return c;
    }

    @Test
    void firmwareImageRefusesASizeOutsideTheStagingAreaBeforeWritingAnything() {
        for (int size : new int[] {-8, 12, FirmwareImage.MAX_SIZE - FirmwareImage.HEADER + 8, Integer.MAX_VALUE - 7}) {
            OcxlFirmwareImageCommand image = new OcxlFirmwareImageCommand();
            image.files = files();
            image.version = "2.0.0";
            image.size = size;
            image.output = dir.resolve("fw.img").toString();
            CommandException e = assertThrows(CommandException.class, image::execute);
            assertEquals("-s " + size + ": the payload size must be a multiple of 8 from 0 to 16777152 bytes",
                    e.getMessage());
            assertTrue(!Files.exists(dir.resolve("fw.img")));
        }
    }

    @Test
    void aDimmThatWentFatalIsEnabledAgainOnceItsControllerRecovers() throws Exception {
        InjectSmartCommand fatal = injectSmart();
        fatal.fatal = true;
        capture();
        fatal.execute();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (ndctl.dimm("nmem0").enabled() && System.nanoTime() < deadline) {
            Thread.sleep(10); // the fatal interrupt's thread disables it
        }
        assertTrue(ndctl.dimm("nmem0").readOnly());
        Listing listing = ndctl.list(ListRequest.parse("-DH"));
        assertEquals("", listing.json(), "ndctl lists no disabled DIMM without -i");
        assertEquals("nmem0 is disabled; use -i to list it", ListCommand.hiddenNote(listing.hidden()));

        capture();
        CommandException stillFatal = assertThrows(CommandException.class,
                () -> dimms(new EnableDimmCommand(), "nmem0").execute());
        assertTrue(stillFatal.getMessage().startsWith("nmem0 stays disabled: ocxlpmem 0006:00:00.1: the controller is "
                + "still in a fatal firmware state"), stillFatal.getMessage());
        assertSummary("enabled 0 nmem");

        InjectSmartCommand recover = injectSmart();
        recover.fatalUninject = true;
        capture();
        recover.execute();
        capture();
        dimms(new EnableDimmCommand(), "nmem0").execute();
        assertSummary("enabled 1 nmem");
        assertTrue(ndctl.dimm("nmem0").enabled() && !ndctl.dimm("nmem0").readOnly(), "enabled and writable again");
        assertTrue(list("-DH").contains("\"health_state\":\"ok\""), list("-DH"));

        CommandException active = assertThrows(CommandException.class,
                () -> dimms(new DisableDimmCommand(), "nmem0").execute());
        assertEquals("nmem0 is active, skipping...: region0 is enabled on it (ndctl:disable-region region0)",
                active.getMessage());
        ndctl.disableRegion("region0");
        ndctl.initLabels("nmem0", dev.ocxlpmem.labels.LabelVersion.V1_2, true); // writable: labels go through
        capture();
        dimms(new DisableDimmCommand(), "nmem0").execute();
        assertSummary("disabled 1 nmem");
        assertTrue(assertThrows(dev.ocxlpmem.nvdimm.NvdimmException.class, () -> ndctl.enableRegion("region0"))
                .getMessage().contains("nmem0 is disabled"));
        ndctl.enableDimm("nmem0");
        ndctl.enableRegion("region0");
    }

    /** ndctl's closing line on standard error, among the driver's log lines. */
    private void assertSummary(String line) {
        String err = errors.toString(StandardCharsets.UTF_8);
        assertTrue(("\n" + err).contains("\n" + line + "\n"), err);
    }

    private InjectSmartCommand injectSmart() {
        InjectSmartCommand c = new InjectSmartCommand();
        c.ndctl = ndctl;
        c.name = "nmem0";
        return c;
    }

    @Test
    void sanitizeNeedsTheRegionDisabledThenOverwrites() throws Exception {
        capture();
        CommandException busy = assertThrows(CommandException.class,
                () -> dimms(overwrite(), "nmem0").execute());
        assertTrue(busy.getMessage().contains("region0 is enabled"), busy.getMessage());
        assertTrue(errors.toString(StandardCharsets.UTF_8).contains("overwrite issued for 0 nmem.\n"),
                errors.toString(StandardCharsets.UTF_8).replace("\n", "\\n").replace("\r", "\\r"));
        ndctl.disableRegion("region0");
        capture();
        dimms(overwrite(), "nmem0").execute();
        String shown = errors.toString(StandardCharsets.UTF_8);
        assertTrue(shown.contains("] 100%\nnmem0: overwrite completed.\noverwrite issued for 1 nmem.\n"), shown);
        assertThrows(CommandException.class, () -> dimms(new SanitizeDimmCommand(), "nmem0").execute(),
                "no method: refused");
    }

    private static SanitizeDimmCommand overwrite() {
        SanitizeDimmCommand c = new SanitizeDimmCommand();
        c.overwrite = true;
        return c;
    }

    @Test
    void errorLogAndStatsAsTextAndJson() throws Exception {
        card.faults().logError(ErrorLogType.THERMAL_WARNING, java.util.Set.of(), "too hot");
        Thread.sleep(200);
        capture();
        dimms(new OcxlErrorLogCommand(), "nmem0").execute();
        String text = printed.toString(StandardCharsets.UTF_8);
        assertTrue(text.startsWith("nmem0: 1 error log entry\n"), text);
        assertTrue(text.contains("thermal warning") && text.endsWith("too hot\n"), text);
        OcxlErrorLogCommand json = dimms(new OcxlErrorLogCommand(), "nmem0");
        json.json = true;
        capture();
        json.execute();
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("\"type\":\"thermal warning\""));
        OcxlStatsCommand stats = dimms(new OcxlStatsCommand(), "0");
        stats.json = true;
        capture();
        stats.execute();
        assertTrue(printed.toString(StandardCharsets.UTF_8).contains("\"life_remaining_percentage\":100"));
        assertEquals("", errors.toString(StandardCharsets.UTF_8), "no ndctl summary for ocxl commands");
    }

    @Test
    void monitorWritesOneLinePerEventUntilInterrupted() throws Exception {
        Path log = dir.resolve("monitor.log");
        MonitorCommand monitor = new MonitorCommand();
        monitor.ndctl = ndctl;
        monitor.log = log.toString();
        monitor.files = files();
        monitor.poll = 1; // outside OSGi no EventAdmin wakes it: ndctl's --poll does
        Thread running = new Thread(() -> {
            try {
                monitor.execute();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        running.start();
        Thread.sleep(300); // the monitor's first look finds a cool card
        card.faults().smart(card.faults().smart().withControllerTemperature(99));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((!Files.exists(log) || Files.readString(log).isEmpty()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        running.interrupt();
        running.join(5000);
        assertTrue(!running.isAlive(), "Ctrl-C ends it");
        String line = Files.readAllLines(log).get(0);
        assertTrue(line.matches("\\{\"timestamp\":\"\\d{10}\\.\\d{9}\",\"pid\":\\d+,\"event\":\\{"
                + "\"dimm-spares-remaining\":false,\"dimm-media-temperature\":false,"
                + "\"dimm-controller-temperature\":true,\"dimm-health-state\":true,.*"), line);

        MonitorCommand none = new MonitorCommand();
        none.ndctl = ndctl;
        none.events = "dimm-warm";
        assertTrue(assertThrows(CommandException.class, none::execute).getMessage()
                .startsWith("no dimm-event named dimm-warm"));
    }
}
