package dev.ocxlpmem.labels.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.BlankLabelAreaException;
import dev.ocxlpmem.labels.LabelException;
import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * An area without a valid index block is blank only when every byte is zero; anything else is
 * damaged, may still hold the labels of namespaces whose data is on the media, and is initialised
 * only with {@code -f}. Linux reads both as blank ({@code nd_label_validate} returns -1).
 */
class BlankOrDamagedTest {
    static final int SIZE = 131072;

    @Test
    void aBlankAreaIsBlankAndInitialisedWithoutForce() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(SIZE, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            BlankLabelAreaException blank = assertThrows(BlankLabelAreaException.class, () -> store.read(t.dimm()));
            assertEquals("nmem0 has no valid namespace index block: the area is blank (all zero: it never "
                    + "held labels); ndctl:init-labels nmem0 gives it one", blank.getMessage());
            assertEquals(2, blank.problems().size(), "check-labels still lists why");
            store.init(t.dimm(), LabelVersion.V1_2, false);
            assertEquals(LabelVersion.V1_2, store.read(t.dimm()).version());
        }
    }

    @Test
    void bothIndexBlocksDamagedIsNotBlankAndNeedsForce() throws Exception {
        byte[] area = Areas.withNamespaces(SIZE, LabelVersion.V1_2, 2);
        LabelGeometry g = Areas.geometry(area, LabelVersion.V1_2);
        area[g.blockOffset(0) + 0x60] ^= 1; // one flipped bit in each block's free bitmap
        area[g.blockOffset(1) + 0x60] ^= 1;
        try (OneDimmBus t = OneDimmBus.with(area, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            LabelException damaged = assertThrows(LabelException.class, () -> store.read(t.dimm()));
            assertFalse(damaged instanceof BlankLabelAreaException, damaged.getMessage());
            assertTrue(damaged.getMessage().startsWith("nmem0 has no valid namespace index block (index block 0: "
                    + "checksum: expected 0x"), damaged.getMessage());
            assertTrue(damaged.getMessage().contains("but the area is not blank: it is damaged and may still hold the "
                    + "labels of namespaces; restore a saved copy (ndctl:list-label-backups nmem0, "
                    + "ndctl:restore-labels or ndctl:write-labels) or start afresh with ndctl:init-labels -f nmem0"),
                    damaged.getMessage());
            RefusalTest.refused(t, () -> store.init(t.dimm(), LabelVersion.V1_2, false),
                    "nmem0's label area is damaged, not blank (index block 0: checksum", "use -f");
            store.init(t.dimm(), LabelVersion.V1_2, true);
            assertEquals(List.of(), store.read(t.dimm()).labels());
        }
    }

    @Test
    void labelsWithoutAnIndexAreNotBlank() throws Exception {
        byte[] area = Areas.withNamespaces(SIZE, LabelVersion.V1_1, 1);
        LabelGeometry g = Areas.geometry(area, LabelVersion.V1_1);
        java.util.Arrays.fill(area, 0, g.labelOffset(), (byte) 0); // both index blocks zeroed, the label stays
        try (OneDimmBus t = OneDimmBus.with(area, Areas.COOKIE).disabled()) {
            ConfigDataLabelStore store = new ConfigDataLabelStore();
            LabelException damaged = assertThrows(LabelException.class, () -> store.read(t.dimm()));
            assertFalse(damaged instanceof BlankLabelAreaException, damaged.getMessage());
            RefusalTest.refused(t, () -> store.init(t.dimm(), LabelVersion.V1_1, false), "damaged, not blank");
        }
    }

    @Test
    void aDamagedCurrentBlockIsAFallback() throws Exception {
        try (OneDimmBus t = OneDimmBus.with(LinuxFixturesTest.fixture("v1.2-128K-current-damaged.bin"),
                LinuxFixturesTest.COOKIE_V12).disabled()) {
            List<LabelProblem> problems = new ConfigDataLabelStore().check(t.dimm());
            // the older generation has the namespace of slot 0 half-created (UPDATING)
            assertEquals(List.of("index block 0 checksum", "index block 0 generation", "slot 0 flags"),
                    problems.stream().map(p -> p.where() + " " + p.field()).toList());
            assertEquals(List.of(false, true, false), problems.stream().map(LabelProblem::isFallback).toList());
            assertFalse(problems.get(1).isError(), "Linux reads the area: a warning, but one that is always shown");
        }
    }
}
