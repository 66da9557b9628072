package dev.ocxlpmem.metrics.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.ocxlpmem.emulator.SmartValues;
import dev.ocxlpmem.labels.LabelStore;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.NamespaceMode;
import dev.ocxlpmem.namespaces.NamespaceOptions;
import dev.ocxlpmem.namespaces.Namespaces;
import dev.ocxlpmem.ndctl.Ndctl;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.scm.ErrorLogType;
import dev.ocxlpmem.nvdimm.testing.InMemoryDimm;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;
import dev.ocxlpmem.testing.card.OneCard;

/** The devices as metrics, read from an emulated card probed by the real driver, through the Ndctl service. */
class DeviceMetricsTest {
    private static final String DIMM = "{bus=\"ndbus0\",dimm=\"nmem0\"}";
    private static final long SECOND = 1_000_000_000L;

    private final OneCard card = OneCard.plug();
    private final Ndctl ndctl = LibNdctl.over(card.core(), dev.ocxlpmem.labels.standalone.ConfigDataLabels.store());
    private final AtomicLong clock = new AtomicLong(1000 * SECOND);
    private final DeviceMetrics metrics = new DeviceMetrics(ndctl, clock::get);

    @AfterEach
    void unplug() {
        card.close();
    }

    /** nmem0's labels and one more, in the order the writer puts them (by name). */
    private static String dimm(String name, String value) {
        String extra = name + "=\"" + value + "\"";
        return name.compareTo("bus") < 0 ? "{" + extra + ",bus=\"ndbus0\",dimm=\"nmem0\"}"
                : "{bus=\"ndbus0\",dimm=\"nmem0\"," + extra + "}";
    }

    @Test
    void aCardsHealthFirmwareLogAndStatisticsAreShownWithTheirAge() throws Exception {
        assertTrue(Scrape.of(metrics).text().isEmpty(), "nothing before the first refresh");
        metrics.refresh();
        Scrape s = Scrape.of(metrics);
        assertEquals(1, s.value("ocxlpmem_bus_info{bus=\"ndbus0\",provider=\"ocxlpmem\"}"));
        assertTrue(s.has("ocxlpmem_dimm_info{bus=\"ndbus0\",dimm=\"nmem0\",serial=\"1014-0000000000005eed\"}"), s.text());
        assertEquals(1, s.value("ocxlpmem_dimm_health_state" + dimm("state", "ok")));
        assertEquals(0, s.value("ocxlpmem_dimm_health_state" + dimm("state", "non-critical")));
        assertEquals(0, s.value("ocxlpmem_dimm_fatal" + DIMM));
        assertEquals(35, s.value("ocxlpmem_dimm_media_temperature_celsius" + DIMM));
        assertEquals(85, s.value("ocxlpmem_dimm_media_temperature_threshold_celsius" + DIMM));
        assertEquals(45, s.value("ocxlpmem_dimm_controller_temperature_celsius" + DIMM));
        assertEquals(1.0, s.value("ocxlpmem_dimm_spares_ratio" + DIMM));
        assertEquals(0.1, s.value("ocxlpmem_dimm_spares_threshold_ratio" + DIMM));
        assertEquals(0, s.value("ocxlpmem_dimm_alarm" + dimm("alarm", "media_temperature")));
        assertEquals(1, s.value("ocxlpmem_dimm_alarm_enabled" + dimm("alarm", "media_temperature")));
        assertEquals(0, s.value("ocxlpmem_dimm_last_shutdown_dirty" + DIMM));
        assertTrue(s.has("ocxlpmem_dimm_dirty_shutdowns_total" + DIMM), s.text());
        assertEquals(1, s.value("ocxlpmem_dimm_firmware_info{bus=\"ndbus0\",dimm=\"nmem0\",next_version=\"\","
                + "version=\"1.0.0\"}"));
        assertEquals(0, s.value("ocxlpmem_dimm_error_log_entries_total" + dimm("type", "data_loss")));
        assertTrue(s.has("ocxlpmem_dimm_media_writes_total" + DIMM), s.text());
        assertTrue(s.has("ocxlpmem_dimm_host_load_seconds_total" + DIMM), s.text());
        assertEquals(1 << 23, s.value("ocxlpmem_region_size_bytes{bus=\"ndbus0\",region=\"region0\"}")
                + OneCard.LABEL_AREA);
        assertEquals(1, s.value("ocxlpmem_region_enabled{bus=\"ndbus0\",region=\"region0\"}"));
        assertEquals(0, s.value("ocxlpmem_region_bad_blocks{bus=\"ndbus0\",region=\"region0\"}"));
        assertEquals(0, s.value("ocxlpmem_dimm_sample_age_seconds" + dimm("sample", "health")));
        assertEquals(0, s.value("ocxlpmem_dimm_sample_errors_total" + dimm("sample", "health")));

        clock.addAndGet(5 * SECOND);
        s = Scrape.of(metrics);
        assertEquals(5, s.value("ocxlpmem_dimm_sample_age_seconds" + dimm("sample", "statistics")));
        assertEquals(5, s.value("ocxlpmem_devices_age_seconds"));

        card.faults().smart(SmartValues.DEFAULTS.withMediaTemperature(90));
        metrics.refresh();
        s = Scrape.of(metrics);
        assertEquals(90, s.value("ocxlpmem_dimm_media_temperature_celsius" + DIMM));
        assertEquals(1, s.value("ocxlpmem_dimm_alarm" + dimm("alarm", "media_temperature")));
        assertEquals(1, s.value("ocxlpmem_dimm_health_state" + dimm("state", "non-critical")));
        assertEquals(0, s.value("ocxlpmem_dimm_health_state" + dimm("state", "ok")));
        assertEquals(0, s.value("ocxlpmem_dimm_sample_age_seconds" + dimm("sample", "health")));
    }

    @Test
    void aFatalControllerIsShownAsSuch() throws Exception {
        metrics.refresh();
        card.faults().fatal(dev.ocxlpmem.emulator.FatalState.FIRMWARE);
        metrics.refresh();
        Scrape s = Scrape.of(metrics);
        assertEquals(1, s.value("ocxlpmem_dimm_fatal" + DIMM));
        assertEquals(1, s.value("ocxlpmem_dimm_health_state" + dimm("state", "fatal")));
    }

    @Test
    void aPartThatCannotBeReadKeepsItsLastValuesAndCountsTheFailure() throws Exception {
        metrics.refresh();
        clock.addAndGet(7 * SECOND);
        card.faults().smart(SmartValues.DEFAULTS.withMediaTemperature(60));
        card.faults().wrongResponseIds(1); // the next command, the health's, gets another command's answer
        metrics.refresh();
        Scrape s = Scrape.of(metrics);
        assertEquals(1, s.value("ocxlpmem_dimm_sample_errors_total" + dimm("sample", "health")));
        assertEquals(35, s.value("ocxlpmem_dimm_media_temperature_celsius" + DIMM), "the last value read");
        assertEquals(7, s.value("ocxlpmem_dimm_sample_age_seconds" + dimm("sample", "health")), "and its age");
        assertEquals(0, s.value("ocxlpmem_dimm_sample_age_seconds" + dimm("sample", "statistics")));
        assertEquals(0, s.value("ocxlpmem_dimm_sample_errors_total" + dimm("sample", "statistics")));

        metrics.refresh();
        s = Scrape.of(metrics);
        assertEquals(60, s.value("ocxlpmem_dimm_media_temperature_celsius" + DIMM));
        assertEquals(1, s.value("ocxlpmem_dimm_sample_errors_total" + dimm("sample", "health")));
    }

    @Test
    void errorLogEntriesAreCountedByTypeOnce() throws Exception {
        card.faults().logError(ErrorLogType.DATA_LOSS, Set.of(), "lost");
        card.faults().logError(ErrorLogType.GENERAL, Set.of(), "one");
        metrics.refresh();
        metrics.refresh();
        Scrape s = Scrape.of(metrics);
        assertEquals(1, s.value("ocxlpmem_dimm_error_log_entries_total" + dimm("type", "data_loss")));
        assertEquals(1, s.value("ocxlpmem_dimm_error_log_entries_total" + dimm("type", "general")));
        assertEquals(0, s.value("ocxlpmem_dimm_error_log_entries_total" + dimm("type", "thermal_warning")));

        card.faults().logError(ErrorLogType.GENERAL, Set.of(), "two");
        metrics.refresh();
        s = Scrape.of(metrics);
        assertEquals(2, s.value("ocxlpmem_dimm_error_log_entries_total" + dimm("type", "general")));
        assertEquals(1, s.value("ocxlpmem_dimm_error_log_entries_total" + dimm("type", "data_loss")));
    }

    @Test
    void aScrapeDoesNotWaitForASlowController() throws Exception {
        metrics.refresh();
        card.faults().smart(SmartValues.DEFAULTS.withMediaTemperature(70));
        // each answer now comes 1.5 s late: SMART and CONTROLLER_STATS wait out their 100 ms timeouts
        card.faults().responseDelay(Duration.ofMillis(1500));
        AtomicLong refreshed = new AtomicLong();
        Thread refresh = new Thread(() -> {
            try {
                metrics.refresh();
                refreshed.set(System.nanoTime());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        refresh.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (refresh.getState() != Thread.State.TIMED_WAITING && refresh.getState() != Thread.State.WAITING) {
            assertTrue(System.nanoTime() < deadline, "the refresh never waited for the controller");
            Thread.sleep(1);
        }
        Scrape s = Scrape.of(metrics);
        long scraped = System.nanoTime();
        refresh.join(TimeUnit.SECONDS.toMillis(60));
        assertTrue(scraped < refreshed.get(), "a scrape begun while a refresh waited for the controller ended "
                + TimeUnit.NANOSECONDS.toMillis(scraped - refreshed.get()) + " ms after the refresh: it waited");
        assertEquals(35, s.value("ocxlpmem_dimm_media_temperature_celsius" + DIMM), "the last value read");
        card.faults().responseDelay(Duration.ZERO);
        s = Scrape.of(metrics);
        assertEquals(1, s.value("ocxlpmem_dimm_sample_errors_total" + dimm("sample", "health")), "SMART timed out");
        assertEquals(35, s.value("ocxlpmem_dimm_media_temperature_celsius" + DIMM));
        Thread.sleep(1600); // the late answers come and are skipped
        metrics.refresh();
        assertEquals(70, Scrape.of(metrics).value("ocxlpmem_dimm_media_temperature_celsius" + DIMM));
    }

    @Test
    void namespacesAndTheRegionsSpaceAreShown() throws Exception {
        try (OneDimmBus bus = OneDimmBus.blank(1 << 20, 0xc0ffee).disabled()) {
            LabelStore labels = dev.ocxlpmem.labels.standalone.ConfigDataLabels.store();
            Namespaces namespaces = dev.ocxlpmem.namespaces.standalone.NamespaceLifecycle.attach(bus.core(), labels, dev.ocxlpmem.btt.standalone.LinuxBtt.driver());
            labels.init(bus.dimm(), LabelVersion.V1_2, true);
            bus.region().enable();
            namespaces.create("region0", NamespaceOptions.none().withMode(NamespaceMode.RAW).withSize(64L << 20).withName("db"));
            namespaces.create("region0", NamespaceOptions.none().withMode(NamespaceMode.FSDAX).withSize(128L << 20));
            Ndctl service = LibNdctl.over(bus.core(), labels, namespaces);
            service.disableNamespace("namespace0.1");
            DeviceMetrics m = new DeviceMetrics(service, clock::get);
            m.refresh();
            Scrape s = Scrape.of(m);
            String first = "{namespace=\"namespace0.0\",region=\"region0\"}";
            String second = "{namespace=\"namespace0.1\",region=\"region0\"}";
            assertEquals(64 << 20, s.value("ocxlpmem_namespace_size_bytes" + first));
            assertEquals(1, s.value("ocxlpmem_namespace_info{mode=\"raw\",name=\"db\",namespace=\"namespace0.0\","
                    + "region=\"region0\",state=\"enabled\"}"));
            assertEquals(1, s.value("ocxlpmem_namespace_info{mode=\"raw\",name=\"\",namespace=\"namespace0.1\","
                    + "region=\"region0\",state=\"disabled\"}"), "a disabled namespace lists as raw, as ndctl's");
            assertFalse(s.text().contains("namespace0.2"), "the seed is left out:\n" + s.text());
            String region = "{bus=\"ndbus0\",region=\"region0\"}";
            assertEquals(OneDimmBus.REGION_SIZE - (192 << 20), s.value("ocxlpmem_region_available_bytes" + region));
            assertEquals(OneDimmBus.REGION_SIZE - (192 << 20),
                    s.value("ocxlpmem_region_max_available_extent_bytes" + region));
            assertFalse(s.has("ocxlpmem_dimm_sample_age_seconds" + dimm("sample", "health")),
                    "a DIMM without health commands has no health");
        }
    }
}
