package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.nvdimm.BadBlock;
import dev.ocxlpmem.nvdimm.DimmHealth;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.scm.FirmwareState;

/**
 * Health, firmware, bad blocks and monitor lines laid out as ndctl 76 prints them
 * (ndctl/json-smart.c, ndctl/json.c, ndctl/monitor.c; json-c doubles as {@code %.17g} with
 * {@code .0} added to whole numbers).
 */
class HealthJsonTest {
    private static final DimmInfo DIMM = new DimmInfo("nmem0", "ndbus0", "1014-0000000000005eed", 0, true, false, false,
            Set.of(), Set.of(), List.of(), 131072);
    static final DimmHealth HEALTH = new DimmHealth(EnumSet.allOf(DimmHealth.Field.class),
            DimmHealth.State.NON_CRITICAL, 86.0625, 45, 90, true, false, false, true, 85, true, 95, false, 10, 3, true, 2,
            Map.of());

    @Test
    void healthFieldsInNdctlsOrderWithThresholdsOnlyWhereTheAlarmIsEnabled() {
        assertEquals("""
                {
                  "health_state":"non-critical",
                  "temperature_celsius":86.0625,
                  "controller_temperature_celsius":45.0,
                  "spares_percentage":90,
                  "alarm_temperature":true,
                  "alarm_controller_temperature":false,
                  "alarm_spares":false,
                  "alarm_enabled_media_temperature":true,
                  "temperature_threshold":85.0,
                  "alarm_enabled_ctrl_temperature":true,
                  "controller_temperature_threshold":95.0,
                  "alarm_enabled_spares":false,
                  "life_used_percentage":3,
                  "shutdown_state":"dirty",
                  "shutdown_count":2
                }""", NdctlJson.write(NdctlJson.health(HEALTH)));
    }

    @Test
    void aFamilyThatReportsFewerFieldsHasOnlyThosePrinted() {
        DimmHealth papr = new DimmHealth(EnumSet.of(DimmHealth.Field.HEALTH_STATE, DimmHealth.Field.LIFE_USED,
                DimmHealth.Field.SHUTDOWN_STATE, DimmHealth.Field.SHUTDOWN_COUNT), DimmHealth.State.CRITICAL, 0, 0, 0,
                false, false, false, false, 0, false, 0, false, 0, 75, true, 4, Map.of("dimm_unarmed", true));
        assertEquals("{\"health_state\":\"critical\",\"life_used_percentage\":75,\"shutdown_state\":\"dirty\","
                + "\"shutdown_count\":4}", NdctlJson.writePlain(NdctlJson.health(papr)));
    }

    @Test
    void firmwareShowsTheNextVersionOnlyWhenAnImageIsArmed() {
        FirmwareState idle = new FirmwareState("1.0.0", "", FirmwareState.UpdateState.IDLE, 0, 0, true);
        assertEquals("{\"current_version\":\"0x302e302e31\",\"can_update\":true}",
                NdctlJson.writePlain(NdctlJson.firmware(idle, true)));
        FirmwareState armed = new FirmwareState("1.0.0", "2.0.0", FirmwareState.UpdateState.ARMED, 0, 0, true);
        assertEquals("{\"current_version\":206933339697,\"can_update\":true,\"next_version\":206933339698,"
                + "\"activate_state\":\"armed\"}", NdctlJson.writePlain(NdctlJson.firmware(armed, false)));
    }

    @Test
    void badBlocksComeBeforeThePersistenceDomainAndTheirListOnlyWithMediaErrors() {
        RegionInfo r = new RegionInfo("region0", "ndbus0", 1L << 30, 16 << 20, 0, 0, "pmem", 1, List.of(),
                PersistenceDomain.UNKNOWN, true, false, 0, -1);
        List<BadBlock> bad = List.of(new BadBlock(8, 1), new BadBlock(2048, 8));
        Map<String, Object> counted = NdctlJson.withBadBlocks(NdctlJson.region(r, null, false), bad, false,
                List.of("nmem0"));
        assertEquals(List.of("dev", "size", "align", "available_size", "max_available_extent", "type", "iset_id",
                "badblock_count", "persistence_domain"), List.copyOf(counted.keySet()));
        assertEquals(9L, counted.get("badblock_count"));
        Map<String, Object> listed = NdctlJson.withBadBlocks(NdctlJson.region(r, null, false), bad, true,
                List.of("nmem0"));
        assertEquals("[{\"offset\":8,\"length\":1,\"dimms\":[\"nmem0\"]},{\"offset\":2048,\"length\":8,"
                + "\"dimms\":[\"nmem0\"]}]", NdctlJson.writePlain(listed.get("badblocks")));
        assertEquals(NdctlJson.region(r, null, false), NdctlJson.withBadBlocks(NdctlJson.region(r, null, false),
                List.of(), true, List.of("nmem0")), "none: nothing added");
    }

    @Test
    void aMonitorLineIsPlainJsonWithEveryWatchedEvent() {
        DimmEvent e = new DimmEvent(Instant.ofEpochSecond(1764620815, 42), DIMM,
                EnumSet.range(DimmEventType.SPARES_REMAINING, DimmEventType.UNCLEAN_SHUTDOWN),
                Set.of(DimmEventType.MEDIA_TEMPERATURE, DimmEventType.HEALTH_STATE), Optional.of(HEALTH), List.of());
        String line = NdctlJson.writePlain(NdctlJson.monitorEvent(e, 4242));
        assertTrue(line.startsWith("{\"timestamp\":\"1764620815.000000042\",\"pid\":4242,\"event\":{\"dimm-spares-remaining\":false,"
                + "\"dimm-media-temperature\":true,\"dimm-controller-temperature\":false,\"dimm-health-state\":true,"
                + "\"dimm-unclean-shutdown\":false},\"dimm\":{\"dev\":\"nmem0\",\"id\":\"1014-0000000000005eed\","
                + "\"handle\":0,\"phys_id\":0,\"health\":{\"health_state\":\"non-critical\","), line);
        assertTrue(line.endsWith("\"shutdown_state\":\"dirty\",\"shutdown_count\":2}}}"), line);
        DimmEvent unreadable = new DimmEvent(e.timestamp(), DIMM, Set.of(DimmEventType.ERROR_LOG),
                Set.of(DimmEventType.ERROR_LOG), Optional.empty(), List.of());
        assertEquals("{\"timestamp\":\"1764620815.000000042\",\"pid\":1,\"event\":{\"dimm-error-log\":true},"
                + "\"dimm\":{\"dev\":\"nmem0\",\"id\":\"1014-0000000000005eed\",\"handle\":0,\"phys_id\":0,"
                + "\"health\":{\"health_state\":\"unknown\"}}}",
                NdctlJson.writePlain(NdctlJson.monitorEvent(unreadable, 1)));
    }

    @Test
    void dimmEventNamesAreNdctls() {
        assertEquals(EnumSet.allOf(DimmEventType.class), DimmEventType.parse(null));
        assertEquals(EnumSet.allOf(DimmEventType.class), DimmEventType.parse("all"));
        assertEquals(EnumSet.of(DimmEventType.SPARES_REMAINING, DimmEventType.UNCLEAN_SHUTDOWN),
                DimmEventType.parse("dimm-spares-remaining dimm-unclean-shutdown"));
        assertEquals(EnumSet.of(DimmEventType.HEALTH_STATE), DimmEventType.parse("dimm-health-state,"));
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> DimmEventType.parse("dimm-hot"));
        assertEquals("no dimm-event named dimm-hot; the events are all, dimm-spares-remaining, "
                + "dimm-media-temperature, dimm-controller-temperature, dimm-health-state, dimm-unclean-shutdown, "
                + "dimm-error-log", e.getMessage());
    }
}
