package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.labels.standalone.ConfigDataLabels;
import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.PersistenceDomain;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/** The service on a real one-DIMM bus and the real label store. */
class NdctlServiceTest {
    private static final long COOKIE = 74565;

    private static Ndctl ndctl(OneDimmBus t) {
        return LibNdctl.over(t.core(), ConfigDataLabels.store());
    }

    @Test
    void namesAreTakenAsNdctlTakesThem() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, COOKIE)) {
            Ndctl ndctl = ndctl(t);
            assertEquals("nmem0", ndctl.dimm("nmem0").dev());
            assertEquals("nmem0", ndctl.dimm("0").dev());
            assertEquals("nmem0", ndctl.dimm(t.dimm().id()).dev());
            assertEquals("region0", ndctl.region("0").dev());
            assertEquals("ndbus0", ndctl.bus("test").dev());
            assertEquals("ndbus0", ndctl.bus("0").dev());
            assertEquals(List.of("nmem0"), ndctl.dimms(List.of("all")).stream().map(DimmInfo::dev).toList());
            assertEquals(List.of("nmem0"), ndctl.dimms(List.of("nmem0", "0")).stream().map(DimmInfo::dev).toList());
            assertEquals("no DIMM 'nmem7': there is nmem0",
                    assertThrows(NoSuchDeviceException.class, () -> ndctl.dimm("nmem7")).getMessage());
            assertEquals("no region '12345678901234': there is region0",
                    assertThrows(NoSuchDeviceException.class, () -> ndctl.region("12345678901234")).getMessage());
            assertThrows(NoSuchDeviceException.class, () -> ndctl.dimms(List.of("nmem0", "nmem1")));
            assertThrows(NoSuchDeviceException.class, () -> ndctl.bus("ndbus1"));
        }
    }

    @Test
    void recordsCarryWhatTheRegionAndDimmSay() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, COOKIE)) {
            BusInfo bus = ndctl(t).buses().get(0);
            assertEquals("test", bus.provider());
            DimmInfo dimm = bus.dimms().get(0);
            assertEquals(131072, dimm.labelAreaSize());
            assertTrue(dimm.enabled());
            RegionInfo region = bus.regions().get(0);
            assertEquals(OneDimmBus.REGION_SIZE, region.size());
            assertEquals(16 << 20, region.align());
            assertEquals(OneDimmBus.REGION_SIZE, region.availableSize());
            assertEquals(COOKIE, region.isetId());
            assertEquals(PersistenceDomain.UNKNOWN, region.persistenceDomain());
            assertEquals(List.of(new MappingInfo("nmem0", 0, OneDimmBus.REGION_SIZE, 0)), region.mappings());
            t.enabledRegion().allocated(List.of(new dev.ocxlpmem.nvdimm.RegionExtent(0, 64 << 20)));
            assertEquals(OneDimmBus.REGION_SIZE - (64 << 20), ndctl(t).region("region0").availableSize());
        }
    }

    @Test
    void labelsThroughTheServiceAndTheGate() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, COOKIE)) {
            Ndctl ndctl = ndctl(t);
            assertEquals(LabelState.BLANK, ndctl.labelState("nmem0"));
            LabelException busy = assertThrows(LabelException.class,
                    () -> ndctl.initLabels("nmem0", LabelVersion.V1_2, false));
            assertTrue(busy.getMessage().startsWith("nmem0: regions active, abort label write: region0 is enabled"),
                    busy.getMessage());
            assertFalse(busy.isFault(), "a refusal, not a fault");
            ndctl.disableRegion("region0");
            assertFalse(ndctl.region("region0").enabled());
            ndctl.initLabels("nmem0", LabelVersion.V1_2, false);
            assertEquals(LabelState.VALID, ndctl.labelState("0"));
            assertEquals(LabelState.VALID, ndctl.regionLabelState("region0"));
            assertEquals(List.of(), ndctl.checkLabels("nmem0"));
            assertEquals(LabelVersion.V1_2, ndctl.readLabels("nmem0").version());
            byte[] saved = ndctl.readLabelArea("nmem0");
            ndctl.zeroLabels("nmem0");
            assertEquals(LabelState.BLANK, ndctl.labelState("nmem0"));
            assertFalse(ndctl.checkLabels("nmem0").isEmpty());
            ndctl.writeLabels("nmem0", saved);
            assertArrayEquals(saved, t.card().snapshot());
            ndctl.enableRegion("region0");
            assertTrue(ndctl.region("region0").enabled());
        }
    }
}
