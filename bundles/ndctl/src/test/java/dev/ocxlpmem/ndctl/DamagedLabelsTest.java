package dev.ocxlpmem.ndctl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.ocxlpmem.labels.LabelProblem;
import dev.ocxlpmem.labels.LabelVersion;
import dev.ocxlpmem.namespaces.NamespaceInfo;

import dev.ocxlpmem.ndctl.standalone.LibNdctl;
import dev.ocxlpmem.nvdimm.NvdimmException;
import dev.ocxlpmem.nvdimm.testing.OneDimmBus;

/**
 * Issue 17's damaged label area through the service: not enabled, not re-initialised by a
 * namespace operation, and saved before init-labels -f replaces it; a damaged current index block
 * is reported as damage, not as a valid area.
 */
class DamagedLabelsTest {
    /** A version 1.2 index block of a 128 KiB area: block 1 starts here. */
    static final int INDEX_SIZE = 256;

    static void flip(OneDimmBus t, int... offsets) {
        byte[] area = t.card().snapshot();
        for (int offset : offsets) {
            area[offset] ^= 0x10;
        }
        t.card().replace(area);
    }

    @Test
    void bothIndexBlocksDamagedRefuseTheEnableAndAnImplicitInitAndAreSavedBeforeAnExplicitOne() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = NamespacesTest.labeled(t);
            NamespaceInfo db = ndctl.createNamespace(null, NamespaceArguments.none().withMode("fsdax").withSize("64M")
                    .withName("db"));
            ndctl.disableRegion("region0");
            flip(t, 0x60, INDEX_SIZE + 0x60);
            byte[] damaged = t.card().snapshot();

            assertEquals(LabelState.DAMAGED, ndctl.labelState("nmem0"), "not blank: it holds db's label");
            NvdimmException refused = assertThrows(NvdimmException.class, () -> ndctl.enableRegion("region0"));
            assertTrue(refused.getMessage().startsWith("region0 stays disabled: nmem0 has no valid namespace index "
                    + "block"), refused.getMessage());
            assertFalse(refused.isFault());
            NvdimmException noNamespace = assertThrows(NvdimmException.class, () -> ndctl.reconfigureNamespace(
                    db.dev(), NamespaceArguments.none().withMode("fsdax").forced()));
            assertFalse(noNamespace.isFault(), noNamespace.getMessage());
            assertThrows(NvdimmException.class, () -> ndctl.initLabels("nmem0", LabelVersion.V1_2, false));
            assertArrayEquals(damaged, t.card().snapshot(), "nothing written");
            assertEquals(List.of(), ndctl.labelBackups("nmem0"));

            ndctl.initLabels("nmem0", LabelVersion.V1_2, true);
            List<LabelBackup> saved = ndctl.labelBackups("nmem0");
            assertEquals(List.of("init-labels"), saved.stream().map(LabelBackup::before).toList());
            ndctl.restoreLabels("nmem0", saved.get(0).name());
            assertArrayEquals(damaged, t.card().snapshot(), "the damaged area is what was saved");
        }
    }

    @Test
    void aBlankAreaIsBlank() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = LibNdctl.over(t.core(), dev.ocxlpmem.labels.standalone.ConfigDataLabels.store());
            assertEquals(LabelState.BLANK, ndctl.labelState("nmem0"));
        }
    }

    @Test
    void aDamagedCurrentIndexBlockIsDamage() throws Exception {
        try (OneDimmBus t = OneDimmBus.blank(131072, 74565)) {
            Ndctl ndctl = NamespacesTest.labeled(t);
            NamespaceInfo gone = ndctl.createNamespace(null, NamespaceArguments.none().withSize("64M"));
            ndctl.destroyNamespace(gone.dev(), true);
            ndctl.disableRegion("region0");
            int current = ndctl.readLabels("nmem0").current();
            flip(t, current * INDEX_SIZE + 0x60);

            assertEquals(LabelState.DAMAGED, ndctl.labelState("nmem0"));
            assertEquals(LabelState.DAMAGED, ndctl.regionLabelState("region0"));
            List<LabelProblem> fallback = ndctl.checkLabels("nmem0").stream().filter(LabelProblem::isFallback).toList();
            assertEquals(1, fallback.size());
            ndctl.enableRegion("region0"); // as Linux does: see CheckLabelsCommand and EnableRegionCommand
            assertEquals(1, ndctl.namespaces(false).size(), "the destroyed namespace is back");
        }
    }
}
